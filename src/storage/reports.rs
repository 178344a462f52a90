//! The `reports` table: mapping rows to `domain::report::Report` and back, lookups and the
//! filtered listing.

use anyhow::{Context, Result};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, params, params_from_iter};

use crate::domain::report::{Report, Status};
use crate::domain::time;
use crate::domain::vault::{SealedIdentity, Stored, Tombstone};

/// Every column, in `Report`'s order; `from_row` reads them by position.
pub const COLUMNS: &str = "id, external_id, submitted_at, occurred_at, content, media, latitude, \
    longitude, address, commune, reporter_name, reporter_phone, confidential, consent, urgent, \
    category_hint, status, state_secret, field, agency, round, returns, send_backs, \
    reject_reasons, result_text, rating, duplicate_of, identity, identity_key";

/// How many columns `COLUMNS` names.
pub const COLUMN_COUNT: usize = 29;

/// The month of a report's submission, as `reports_by_month` and `reports_by_status` key it
/// (migration 10), for the table or alias `table` ("" or "r."): SQLite takes those indexes
/// only where a query names this expression word for word.
pub fn submitted_month(table: &str) -> String {
    format!("substr({table}submitted_at, 1, 7)")
}

/// `submitted_at >= param`, with the bound on the month that lets SQLite seek the month
/// indexes. The bound adds nothing to the answer: a text's first seven characters are
/// never before those of a text it does not sort before (every time is stored in one form;
/// one in another is an edit the report commands refuse over). `param` appears twice.
pub fn submitted_since(table: &str, param: &str) -> String {
    let month = submitted_month(table);
    format!("{table}submitted_at >= {param} AND {month} >= substr({param}, 1, 7)")
}

/// `submitted_at < param`, with its month bound, as `submitted_since`.
pub fn submitted_before(table: &str, param: &str) -> String {
    let month = submitted_month(table);
    format!("{table}submitted_at < {param} AND {month} <= substr({param}, 1, 7)")
}

/// Adds to `clauses` and `args` the window of submission times a listing or an export asks
/// for (either end optional), each end with its month bound (`submitted_since`), bound to
/// unnumbered parameters: each end's time is bound twice.
pub fn push_submitted_window(
    table: &str,
    from: Option<&String>,
    before: Option<&String>,
    clauses: &mut Vec<String>,
    args: &mut Vec<Value>,
) {
    if let Some(from) = from {
        clauses.push(submitted_since(table, "?"));
        args.extend([from.clone().into(), from.clone().into()]);
    }
    if let Some(before) = before {
        clauses.push(submitted_before(table, "?"));
        args.extend([before.clone().into(), before.clone().into()]);
    }
}

/// Oldest submission first, then by id: ordered by month first, which the month indexes
/// give, SQLite sorts one month's reports at a time instead of all of them at once.
pub fn by_submission(table: &str) -> String {
    let month = submitted_month(table);
    format!("{month}, {table}submitted_at, {table}id")
}

fn bad_column(index: usize, what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, what.into())
}

/// A TEXT column's text, borrowed from the row, or None for anything else (NULL, a column
/// of another type, bytes that are not UTF-8), which `row.get` then reads and reports as
/// usual. Loading a report checks the UTF-8 of every text column, its content above all:
/// std's check was 4 % of `validate`'s storing thread (bench/profile.sh); simdutf8 says the
/// same, several times faster.
fn text_at<'r>(row: &'r Row<'_>, index: usize) -> Option<&'r str> {
    match row.get_ref(index) {
        Ok(ValueRef::Text(bytes)) => simdutf8::basic::from_utf8(bytes).ok(),
        _ => None,
    }
}

fn string_at(row: &Row<'_>, index: usize) -> rusqlite::Result<String> {
    match text_at(row, index) {
        Some(text) => Ok(text.to_owned()),
        None => row.get(index),
    }
}

/// A stored time; one of the same instant in another text than phananh writes is noted in
/// `odd` as stored, for the row's seal (`Report::times_as_stored`).
fn time_at(
    row: &Row<'_>,
    index: usize,
    odd: &mut Vec<String>,
) -> rusqlite::Result<Option<time::Timestamp>> {
    let owned: Option<String>;
    let text = match text_at(row, index) {
        Some(text) => Some(text),
        None => {
            owned = row.get(index)?;
            owned.as_deref()
        }
    };
    let Some(text) = text else {
        return Ok(None);
    };
    match time::parse(text) {
        Ok(Some(at)) => {
            if time::canonical(text).is_none() {
                odd.push(text.to_owned());
            }
            Ok(Some(at))
        }
        _ => Err(bad_column(index, format!("bad time {text:?}"))),
    }
}

/// A coordinate as `ingest` stores one (`domain::report::on_the_globe`), or none: an infinity
/// set with `sqlite3` on a report without one kept the row's seal and passed the reception
/// check as a place (Đ6.2), so any other is a row phananh cannot have written, as a text is.
fn coordinate_at(row: &Row<'_>, index: usize, limit: f64) -> rusqlite::Result<Option<f64>> {
    let value = match row.get_ref(index)? {
        ValueRef::Null => return Ok(None),
        ValueRef::Real(value) => value,
        ValueRef::Integer(value) => value as f64,
        other => {
            return Err(bad_column(
                index,
                format!("a coordinate stored as {}", other.data_type()),
            ));
        }
    };
    if !crate::domain::report::on_the_globe(value, limit) {
        return Err(bad_column(index, format!("bad coordinate {value}")));
    }
    Ok(Some(value))
}

pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Report> {
    let media = string_at(row, 5)?;
    let status = string_at(row, 16)?;
    let reasons = string_at(row, 23)?;
    let mut times_as_stored = Vec::new();
    Ok(Report {
        id: row.get(0)?,
        external_id: string_at(row, 1)?,
        submitted_at: time_at(row, 2, &mut times_as_stored)?
            .ok_or_else(|| bad_column(2, "null".into()))?,
        occurred_at: time_at(row, 3, &mut times_as_stored)?,
        content: string_at(row, 4)?,
        media: serde_json::from_str(&media).map_err(|e| bad_column(5, e.to_string()))?,
        latitude: coordinate_at(row, 6, crate::domain::report::LATITUDE)?,
        longitude: coordinate_at(row, 7, crate::domain::report::LONGITUDE)?,
        address: string_at(row, 8)?,
        commune: string_at(row, 9)?,
        reporter_name: string_at(row, 10)?,
        reporter_phone: string_at(row, 11)?,
        confidential: row.get(12)?,
        consent: row.get(13)?,
        urgent: row.get(14)?,
        category_hint: string_at(row, 15)?,
        status: Status::parse(&status).ok_or_else(|| bad_column(16, status.clone()))?,
        state_secret: row.get(17)?,
        field: row.get(18)?,
        agency: row.get(19)?,
        round: row.get(20)?,
        returns: row.get(21)?,
        send_backs: row.get(22)?,
        reject_reasons: reasons
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect(),
        result_text: string_at(row, 24)?,
        rating: row.get(25)?,
        duplicate_of: row.get(26)?,
        identity: stored_identity(row.get(27)?, row.get(28)?),
        times_as_stored,
    })
}

/// The identity as its two columns hold it (migration 7): no sealed bytes, still in clear;
/// empty ones or a tombstone, erased. A sealed identity whose key is gone reads with an
/// empty key, which never opens, and which `audit verify` names
/// (`domain::audit::ChainBreak::IdentityKeyMissing`).
fn stored_identity(sealed: Option<Vec<u8>>, key: Option<Vec<u8>>) -> Stored {
    match sealed {
        None => Stored::Clear,
        Some(sealed) if sealed.is_empty() => Stored::Erased(None),
        Some(sealed) if let Some(tombstone) = Tombstone::read(&sealed) => {
            Stored::Erased(Some(tombstone))
        }
        Some(sealed) => Stored::Sealed {
            identity: SealedIdentity {
                wrapped_key: key.unwrap_or_default(),
                sealed,
            },
            opened: false,
        },
    }
}

/// The values of every column but `id`, in `COLUMNS` order; text borrowed from the report,
/// since a bulk load binds a million of them.
fn values(r: &Report) -> impl Iterator<Item = ToSqlOutput<'_>> {
    (0..COLUMN_COUNT - 1).map(|column| value(r, column))
}

/// Where `submitted_at`, `occurred_at`, `media` and `reject_reasons` are among the columns
/// `value` numbers: the four whose value is built rather than borrowed.
const SUBMITTED_AT: usize = 1;
const OCCURRED_AT: usize = 2;
const MEDIA: usize = 4;
const REJECT_REASONS: usize = 22;

/// The value of one column: `column` counts `COLUMNS` without `id`.
fn value(r: &Report, column: usize) -> ToSqlOutput<'_> {
    fn text(s: &str) -> ToSqlOutput<'_> {
        ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
    }
    fn owned(v: impl Into<Value>) -> ToSqlOutput<'static> {
        ToSqlOutput::Owned(v.into())
    }
    fn optional(s: &Option<String>) -> ToSqlOutput<'_> {
        s.as_deref().map_or(ToSqlOutput::Owned(Value::Null), text)
    }
    match column {
        0 => text(&r.external_id),
        SUBMITTED_AT => owned(time::format(&r.submitted_at)),
        OCCURRED_AT => owned(r.occurred_at.as_ref().map(time::format)),
        3 => text(&r.content),
        MEDIA => owned(serde_json::to_string(&r.media).unwrap_or_default()),
        5 => owned(r.latitude),
        6 => owned(r.longitude),
        7 => text(&r.address),
        8 => text(&r.commune),
        9 => text(r.stored_name()),
        10 => text(r.stored_phone()),
        11 => owned(i64::from(r.confidential)),
        12 => owned(i64::from(r.consent)),
        13 => owned(i64::from(r.urgent)),
        14 => text(&r.category_hint),
        15 => text(r.status.as_str()),
        16 => owned(i64::from(r.state_secret)),
        17 => optional(&r.field),
        18 => optional(&r.agency),
        19 => owned(i64::from(r.round)),
        20 => owned(i64::from(r.returns)),
        21 => owned(i64::from(r.send_backs)),
        REJECT_REASONS => owned(r.reject_reasons.join(",")),
        23 => text(&r.result_text),
        24 => owned(r.rating.map(i64::from)),
        25 => owned(r.duplicate_of),
        26 => match &r.identity {
            Stored::Clear => ToSqlOutput::Owned(Value::Null),
            Stored::Sealed { identity, .. } => {
                ToSqlOutput::Borrowed(ValueRef::Blob(&identity.sealed))
            }
            Stored::Erased(None) => ToSqlOutput::Borrowed(ValueRef::Blob(&[])),
            Stored::Erased(Some(tombstone)) => {
                ToSqlOutput::Borrowed(ValueRef::Blob(tombstone.bytes()))
            }
        },
        27 => match &r.identity {
            Stored::Sealed { identity, .. } => {
                ToSqlOutput::Borrowed(ValueRef::Blob(&identity.wrapped_key))
            }
            _ => ToSqlOutput::Owned(Value::Null),
        },
        _ => unreachable!("reports have {} columns besides id", COLUMN_COUNT - 1),
    }
}

/// The names of the columns `value` numbers.
fn column_names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| COLUMNS.split(", ").skip(1).map(str::trim).collect())
}

/// Whether one column holds the same for both reports: whether their `value`s are equal,
/// without building the four built ones when the fields they are built from are equal
/// (equal fields always build equal values; unequal ones may not, as two instants within a
/// second or `["a,b"]` and `["a", "b"]`, so those are compared as built). Building both
/// rows' values to compare them was a third of a validation's updates of its rows (bench/
/// profile.sh: the times formatted, the media written as JSON and the reasons joined, four
/// times a report).
fn same(a: &Report, b: &Report, column: usize) -> bool {
    let fields_equal = match column {
        SUBMITTED_AT => a.submitted_at == b.submitted_at,
        OCCURRED_AT => a.occurred_at == b.occurred_at,
        MEDIA => a.media == b.media,
        REJECT_REASONS => a.reject_reasons == b.reject_reasons,
        _ => false,
    };
    fields_equal || value(a, column) == value(b, column)
}

/// A prepared insert for loading many reports in one transaction.
pub struct Inserter<'c> {
    conn: &'c Connection,
    stmt: CachedStatement<'c>,
}

impl<'c> Inserter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let columns = COLUMNS.trim_start_matches("id, ");
        let placeholders = vec!["?"; COLUMN_COUNT - 1].join(", ");
        let stmt = conn.prepare_cached(&format!(
            "INSERT INTO reports ({columns}) VALUES ({placeholders})
             ON CONFLICT (external_id) DO NOTHING"
        ))?;
        Ok(Inserter { conn, stmt })
    }

    /// Stores the report and returns its new id, or None when its app id is already stored.
    pub fn insert(&mut self, report: &Report) -> Result<Option<i64>> {
        let changed = self.stmt.execute(params_from_iter(values(report)))?;
        Ok((changed == 1).then(|| self.conn.last_insert_rowid()))
    }
}

/// The id SQLite gives the next report inserted without one: one past the largest.
pub fn next_free_id(conn: &Connection) -> Result<i64> {
    let largest: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM reports", [], |r| r.get(0))?;
    Ok(largest.saturating_add(1))
}

/// Writes the attributes `after` changed from `before` (the row as read in the same
/// transaction). Only those columns: SQLite rewrites the entries of every index whose
/// columns are named in the SET list, changed or not, and a workflow step changes two or
/// three of twenty-six.
pub fn update(conn: &Connection, before: &Report, after: &Report) -> Result<()> {
    update_changed(conn, after, changed(before, after))
}

/// The columns of a report's row that `after` changes from `before`, and the row's id, as
/// [`update`] finds them: worked out apart from the write, `validate` finds them on its
/// judging thread, where both rows are fresh in the cache, and its writing thread holds
/// only the row as judged (comparing the two there was a twentieth of its time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changed {
    id: i64,
    /// Bit `column` set for each column changed (`column` < `COLUMN_COUNT - 1`, under 64).
    columns: u64,
}

const _: () = assert!(
    COLUMN_COUNT - 1 <= 64,
    "a row's columns fit a Changed's bits"
);

/// What [`update`] of `before` to `after` writes ([`update_changed`]).
pub fn changed(before: &Report, after: &Report) -> Changed {
    let columns = (0..COLUMN_COUNT - 1)
        .filter(|&column| !same(before, after, column))
        .fold(0, |bits, column| bits | 1 << column);
    Changed {
        id: before.id,
        columns,
    }
}

/// Writes the columns `changed` names of the row `after` (found by [`changed`] against the
/// row as read in the same transaction).
pub fn update_changed(conn: &Connection, after: &Report, changed: Changed) -> Result<()> {
    anyhow::ensure!(
        changed.id == after.id,
        "an update must keep the report's id"
    );
    let columns: Vec<usize> = (0..COLUMN_COUNT - 1)
        .filter(|&column| changed.columns & 1 << column != 0)
        .collect();
    if columns.is_empty() {
        return Ok(());
    }
    let names = column_names();
    let assignments: Vec<String> = columns
        .iter()
        .map(|&column| format!("{} = ?", names[column]))
        .collect();
    let mut stmt = conn.prepare_cached(&format!(
        "UPDATE reports SET {} WHERE id = ?",
        assignments.join(", ")
    ))?;
    let values = columns.iter().map(|&column| value(after, column));
    let updated = stmt.execute(params_from_iter(
        values.chain([ToSqlOutput::Owned(after.id.into())]),
    ))?;
    anyhow::ensure!(
        updated == 1,
        "report {} vanished during the update",
        after.id
    );
    Ok(())
}

/// The statement that reads one report by its number, every column.
fn by_id(conn: &Connection) -> Result<rusqlite::CachedStatement<'_>> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    by(conn, &SQL, "id")
}

/// The statement that reads one report by the app's id, every column.
fn by_external_id(conn: &Connection) -> Result<rusqlite::CachedStatement<'_>> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    by(conn, &SQL, "external_id")
}

/// The statement that reads one report by `column`, its text built once in `sql`.
fn by<'c>(
    conn: &'c Connection,
    sql: &'static std::sync::OnceLock<String>,
    column: &str,
) -> Result<rusqlite::CachedStatement<'c>> {
    let sql = sql.get_or_init(|| format!("SELECT {COLUMNS} FROM reports WHERE {column} = ?1"));
    Ok(conn.prepare_cached(sql)?)
}

pub fn load(conn: &Connection, id: i64) -> Result<Option<Report>> {
    load_one(by_id(conn)?, id)
}

/// The report stored under the app's id, read in one statement (`ingest` compares a record
/// read again with it).
pub fn load_external(conn: &Connection, external_id: &str) -> Result<Option<Report>> {
    load_one(by_external_id(conn)?, external_id)
}

/// The one report `statement` finds by `key`, if any, a row phananh cannot have written
/// named by `key`.
fn load_one(
    mut statement: rusqlite::CachedStatement<'_>,
    key: impl rusqlite::ToSql + std::fmt::Display,
) -> Result<Option<Report>> {
    let loaded = statement.query_row([&key], from_row).optional();
    unreadable(loaded, &key.to_string()).with_context(|| format!("loading report {key}"))
}

/// A row phananh cannot have written (a time in another form, a status no version knows)
/// is an edit behind its back: said so (exit 5), with what to do, not in SQLite's words.
fn unreadable(loaded: rusqlite::Result<Option<Report>>, report: &str) -> Result<Option<Report>> {
    match loaded {
        Err(rusqlite::Error::FromSqlConversionFailure(_, _, why)) => {
            Err(unreadable_failure(report, &why))
        }
        other => Ok(other?),
    }
}

/// [`load`] for a run over many reports that leaves a row phananh cannot have written and
/// goes on with the others (`validate` of the queue): such a row is `Err` with its number.
pub fn load_or_unreadable(conn: &Connection, id: i64) -> Result<Result<Option<Report>, i64>> {
    match by_id(conn)?.query_row([id], from_row).optional() {
        Err(rusqlite::Error::FromSqlConversionFailure(..)) => Ok(Err(id)),
        loaded => Ok(Ok(loaded.with_context(|| format!("loading report {id}"))?)),
    }
}

/// [`from_row`] for a walk over many reports (`list`, the exports): a row phananh cannot
/// have written is named by its number, as [`load`] names it, not in SQLite's words
/// ("Conversion error from type Text at index: 2", exit 1;
/// `forged_events::a_submission_time_on_a_day_no_calendar_has_is_an_edit_everywhere`).
pub fn listed_row(row: &Row<'_>) -> Result<Report> {
    match from_row(row) {
        Err(rusqlite::Error::FromSqlConversionFailure(_, _, why)) => {
            let id: i64 = row.get(0)?;
            Err(unreadable_failure(&id.to_string(), &why))
        }
        other => Ok(other?),
    }
}

fn unreadable_failure(report: &str, why: &dyn std::fmt::Display) -> anyhow::Error {
    super::refusal::Refusal::RowUnreadable {
        report: report.to_owned(),
        why: why.to_string(),
    }
    .into()
}

const MERGED_INTO_ONE: &str = "SELECT id FROM reports WHERE duplicate_of = ?1 ORDER BY id";
const MERGED_INTO: &str =
    "SELECT duplicate_of, id FROM reports WHERE duplicate_of IS NOT NULL ORDER BY duplicate_of, id";

/// The reports merged into report `id` (`duplicate ID --of ID2`), for a command about that
/// one report: a step of the partial index `reports_merged` (migration 9), where without it
/// every `show` read the whole table.
pub fn merged_into_one(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(MERGED_INTO_ONE)?;
    let ids = stmt.query_map(params![id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The reports merged into another (`duplicate ID --of ID2`), by the report they were merged
/// into: few, read in one query from the partial index `reports_merged` so that a listing
/// asks nothing per report.
pub fn merged_into(conn: &Connection) -> Result<std::collections::HashMap<i64, Vec<i64>>> {
    let mut merged = std::collections::HashMap::<i64, Vec<i64>>::new();
    let mut stmt = conn.prepare_cached(MERGED_INTO)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (original, id) = row?;
        merged.entry(original).or_default().push(id);
    }
    Ok(merged)
}

/// The app id of report `id`, if there is one.
pub fn external_id_of(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT external_id FROM reports WHERE id = ?1")?
        .query_row(params![id], |r| r.get(0))
        .optional()?)
}

pub fn id_of_external(conn: &Connection, external_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM reports WHERE external_id = ?1")?
        .query_row(params![external_id], |r| r.get(0))
        .optional()?)
}

/// The first `limit` reports, in number order, whose app id ends with `tail` (ASCII letters
/// in either case) and is longer than it: the digits a citizen reads off the app's receipt
/// ("000105" of CMG-2026-000105). One scan of the table, read only when a reference is not
/// found or may be such a tail.
pub fn external_ids_ending(
    conn: &Connection,
    tail: &str,
    limit: u32,
) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, external_id FROM reports
         WHERE length(external_id) > length(?1)
           AND substr(external_id, -length(?1)) = ?1 COLLATE NOCASE
         ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![tail, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The first `limit` report numbers the log has events of and the file holds no row for, in
/// number order: reports deleted outside phananh. The log's events do not carry a report's
/// app id, so an app id the file cannot find may be one of these. First the index-only
/// count `report` makes (`storage::periodic::reports_uncounted`); only when it differs,
/// one scan of `events_by_report` grouped by report, each report probed once by primary key
/// (the probe per event, as `NOT EXISTS` in the `WHERE` clause makes it, cost five times
/// as much on a file of 730,000 events).
pub fn logged_not_held(conn: &Connection, limit: u32) -> Result<Vec<i64>> {
    if super::periodic::reports_uncounted(conn)?.is_none() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT report_id FROM events WHERE report_id IS NOT NULL
         GROUP BY report_id HAVING report_id NOT IN (SELECT id FROM reports)
         ORDER BY report_id LIMIT ?1",
    )?;
    let ids = stmt.query_map(params![limit], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The reports whose app id holds a lower-case letter or a character outside printable
/// ASCII (a typographic dash), or starts with a 0 (a numeric id Excel would strip), in id order, to `visit`, which returns false to stop: the
/// few a near match of `ingest` is looked for among in memory. The ids in the app's usual
/// form are found by the unique index instead.
pub fn for_each_unusual_external_id(
    conn: &Connection,
    mut visit: impl FnMut(i64, &str) -> bool,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, external_id FROM reports
         WHERE external_id GLOB '*[a-z]*' OR external_id GLOB '*[^ -~]*'
            OR external_id GLOB '0*' ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if !visit(row.get(0)?, row.get_ref(1)?.as_str()?) {
            break;
        }
    }
    Ok(())
}

/// Each report submitted from `from` (inclusive) to `to` (inclusive), oldest first: its
/// id, submission time as stored, status, commune and content, for the hint of a report
/// sent twice (`app::validate::possible_repeats`). Stops at the first error `visit` gives.
pub fn for_each_submitted_between(
    conn: &Connection,
    from: &str,
    to: &str,
    mut visit: impl FnMut(i64, &str, &str, &str, &str) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT id, submitted_at, status, commune, content FROM reports
          WHERE {} AND submitted_at <= ?2 AND {} <= substr(?2, 1, 7)
          ORDER BY {}",
        submitted_since("", "?1"),
        submitted_month(""),
        by_submission("")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params![from, to])?;
    while let Some(row) = rows.next()? {
        visit(
            row.get(0)?,
            row.get_ref(1)?.as_str()?,
            row.get_ref(2)?.as_str()?,
            row.get_ref(3)?.as_str()?,
            row.get_ref(4)?.as_str()?,
        )?;
    }
    Ok(())
}

/// The earliest and latest submission times, as stored, of the reports `ids`.
pub fn submission_span(conn: &Connection, ids: &[i64]) -> Result<Option<(String, String)>> {
    let mut span: Option<(String, String)> = None;
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT min(submitted_at), max(submitted_at) FROM reports WHERE id IN ({marks})"
        );
        let (low, high): (Option<String>, Option<String>) =
            conn.query_row(&sql, params_from_iter(chunk), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if let (Some(low), Some(high)) = (low, high) {
            span = Some(match span {
                None => (low, high),
                Some((a, b)) => (a.min(low), b.max(high)),
            });
        }
    }
    Ok(span)
}

/// Filters of `list` (docs/rules.md §6) that SQL can apply; all optional, combined with AND.
/// The search and the limit are the reader's (`app::show`): a search must see the texts as
/// that reader may see them.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub statuses: Vec<Status>,
    pub agency: Option<String>,
    pub field: Option<String>,
    pub urgent: Option<bool>,
    pub submitted_from: Option<String>,
    pub submitted_before: Option<String>,
    /// Only reports with an open clock past due at this time.
    pub overdue_at: Option<String>,
    /// With `overdue_at`: also reports with a clock that was ever late (breached).
    pub overdue_ever: bool,
    /// With `overdue_at`: only lateness charged to this agency, the clock's holder
    /// (`clocks::overdue_condition`), whatever agency the report has now.
    pub overdue_agency: Option<String>,
}

/// Reports matching `filter` in the order of [`for_each_listed`].
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Report>> {
    let mut out = Vec::new();
    for_each_listed(conn, filter, |report| {
        out.push(report);
        Ok(true)
    })?;
    Ok(out)
}

/// Hands `visit` each report the filter selects until `visit` returns false; nothing is
/// held. The reports still to be worked on (not `Status::is_final`) come before the
/// finished ones, so that a handler's list starts with what is still to answer rather
/// than months of closed urgent cases; within each, urgent ones first (docs/rules.md §3),
/// each group by submission time. A group is one compound query: an arm per status, each
/// a walk of `reports_by_status` (status, urgent, month of submission) sorting one month
/// at a time, which SQLite merges as it steps rather than sorting every match, so
/// `list --limit 1` reads one month of each arm, not the whole table (5.5 s → 0.01 s on a
/// million reports when each group was one walk of a submission-time index; with the
/// month key, 0.00 s on 200,000 as before, bench/HISTORY.md, 2026-12-04, "the time-keyed
/// indexes keyed by month"; the storage test reads the query plan to hold it).
pub fn for_each_listed(
    conn: &Connection,
    filter: &Filter,
    mut visit: impl FnMut(Report) -> Result<bool>,
) -> Result<()> {
    let (clauses, args) = listed_clauses(filter);
    // A returned report still names the agency that gave it back, but it waits for the
    // portal's dispatch again (Đ8.1.b): that agency holds nothing of it, so an agency's list
    // (`--agency`, a handler's own) leaves it out: a handler sees the reports assigned to
    // their agency, and this one is no longer.
    let wanted: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| filter.statuses.is_empty() || filter.statuses.contains(s))
        .filter(|s| filter.agency.is_none() || *s != Status::Returned)
        .collect();
    let (open, finished): (Vec<Status>, Vec<Status>) =
        wanted.into_iter().partition(|s| !s.is_final());
    let urgency: &[bool] = match filter.urgent {
        Some(urgent) => &[urgent],
        None => &[true, false],
    };
    for statuses in [open, finished] {
        if statuses.is_empty() {
            continue;
        }
        let by_agency = filter.agency.is_some();
        let mut stmt = conn.prepare(&group_sql(statuses.len(), &clauses, by_agency))?;
        for &urgent in urgency {
            let mut group_args: Vec<Value> = Vec::new();
            for status in &statuses {
                group_args.push(Value::from(status.as_str().to_owned()));
                group_args.push(i64::from(urgent).into());
                group_args.extend(args.iter().cloned());
            }
            let mut rows = stmt.query(params_from_iter(group_args))?;
            while let Some(row) = rows.next()? {
                if !visit(listed_row(row)?)? {
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}

/// The conditions of `filter` besides status and urgency, each arm's own, with their
/// bindings in order.
fn listed_clauses(filter: &Filter) -> (Vec<String>, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(agency) = &filter.agency {
        clauses.push("agency = ?".to_owned());
        args.push(agency.clone().into());
    }
    if let Some(field) = &filter.field {
        clauses.push("field = ?".to_owned());
        args.push(field.clone().into());
    }
    push_submitted_window(
        "",
        filter.submitted_from.as_ref(),
        filter.submitted_before.as_ref(),
        &mut clauses,
        &mut args,
    );
    if let Some(now) = &filter.overdue_at {
        clauses.push(super::clocks::overdue_condition(
            filter.overdue_ever,
            filter.overdue_agency.is_some(),
        ));
        for _ in 0..super::clocks::OVERDUE_BINDINGS {
            args.push(now.clone().into());
        }
        if let Some(agency) = &filter.overdue_agency {
            args.push(agency.clone().into());
        }
    }
    (clauses, args)
}

/// One group of the listing: `arms` statuses of one urgency, each bound as (status,
/// urgent, the clauses' values), merged by submission time. With `by_agency` (a handler's
/// list, `--agency`) each arm reads that agency's reports of its status on
/// `reports_by_agency` and sorts them, as the listing did before it was split by status:
/// walking a status in time order for one agency's few reports reads every other agency's
/// on the way, seven times slower for the whole list of an agency holding a fifteenth of a
/// million reports (sqlite3, 0.8 s → 6 s). Without it each arm walks `reports_by_status`
/// month by month and sorts one month at a time (`by_submission`); the month is a column of
/// the result because a compound SELECT orders only by its columns.
fn group_sql(arms: usize, clauses: &[String], by_agency: bool) -> String {
    let arm = format!(
        "SELECT {COLUMNS}, {} AS submitted_month FROM reports{} WHERE status = ? AND urgent = ?{}",
        submitted_month(""),
        if by_agency {
            " INDEXED BY reports_by_agency"
        } else {
            ""
        },
        clauses
            .iter()
            .map(|c| format!(" AND {c}"))
            .collect::<String>()
    );
    format!(
        "{} ORDER BY submitted_month, submitted_at, id",
        vec![arm; arms].join(" UNION ALL ")
    )
}

/// Ids of every report in `status`, oldest first.
pub fn count_with_status(conn: &Connection, status: Status) -> Result<u64> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM reports WHERE status = ?1",
        [status.as_str()],
        |r| r.get(0),
    )?;
    Ok(count.unsigned_abs())
}

/// The ids of the reports in any of `statuses`, for the hint of a report sent again over
/// those waiting at reception (`app::show::list`).
pub fn ids_with_status(conn: &Connection, statuses: &[Status]) -> Result<Vec<i64>> {
    let marks = vec!["?"; statuses.len()].join(",");
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM reports WHERE status IN ({marks}) ORDER BY id"
    ))?;
    let ids = stmt
        .query_map(params_from_iter(statuses.iter().map(|s| s.as_str())), |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Where a page of received reports ends, in the order of `reports_by_status`.
#[derive(Debug, Clone)]
pub struct QueueKey {
    pub urgent: bool,
    pub submitted_at: String,
    pub id: i64,
}

/// A row `SELECT submitted_at, id` gives of an `urgent` (or not) received report.
fn queue_key(urgent: bool) -> impl Fn(&rusqlite::Row) -> rusqlite::Result<QueueKey> {
    move |r| {
        Ok(QueueKey {
            urgent,
            submitted_at: r.get(0)?,
            id: r.get(1)?,
        })
    }
}

/// The next `size` received reports after `after`: the urgent ones first, oldest first
/// (a short walk of the `reports_by_status` index: they are few), then the others in the
/// order they arrived (id order). Walking the others by time read them at random places of
/// the table when a file came in random time order (a merged or backfilled export): a
/// validation after such an ingest spent most of its time in the kernel (issue 18). By id,
/// the walk reads the table once, in its own order, from the first received report on.
pub fn received_page(
    conn: &Connection,
    after: Option<&QueueKey>,
    size: usize,
) -> Result<Vec<QueueKey>> {
    let mut page = Vec::with_capacity(size);
    let (submitted, id) = match after {
        None => (String::new(), 0),
        Some(key) => (key.submitted_at.clone(), key.id),
    };
    if after.is_none_or(|key| key.urgent) {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT submitted_at, id FROM reports
                  WHERE status = 'received' AND urgent = 1
                    AND {month} >= substr(?1, 1, 7) AND (submitted_at, id) > (?1, ?2)
                  ORDER BY {order} LIMIT ?3",
            month = submitted_month(""),
            order = by_submission(""),
        ))?;
        let rows = stmt.query_map(params![submitted, id, size as i64], queue_key(true))?;
        for row in rows {
            page.push(row?);
        }
        if page.len() == size {
            return Ok(page);
        }
    }
    // The others from the first received one (found on the index), or after the last given.
    let from = match after {
        Some(key) if !key.urgent => key.id,
        _ => {
            let first: Option<i64> = conn.query_row(
                "SELECT min(id) FROM reports WHERE status = 'received' AND urgent = 0",
                [],
                |r| r.get(0),
            )?;
            match first {
                Some(first) => first - 1,
                None => return Ok(page),
            }
        }
    };
    // NOT INDEXED: the table itself, by id, rather than the status index and a sort.
    let mut stmt = conn.prepare_cached(
        "SELECT submitted_at, id FROM reports NOT INDEXED
          WHERE id > ?1 AND status = 'received' AND urgent = 0
          ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![from, (size - page.len()) as i64], queue_key(false))?;
    for row in rows {
        page.push(row?);
    }
    Ok(page)
}

/// SQL that is true when `column` holds a sealed identity: bytes that are neither empty nor
/// an erased identity's tombstone (`domain::vault::Tombstone`).
pub fn sealed_identity_sql(column: &str) -> String {
    let mark: String = Tombstone::MARK.iter().map(|b| format!("{b:02X}")).collect();
    format!(
        "(length({column}) > 0 AND NOT (length({column}) = {len} AND substr({column}, 1, {n}) = X'{mark}'))",
        len = Tombstone::LEN,
        n = Tombstone::MARK.len(),
    )
}

/// Reports in a final status whose identity is not erased yet, each with the event its
/// closing time is read from, in id order: what `erase --closed-before` and the retention
/// period of the sweep choose among (`app::erase::closed_before`). A report is closed when
/// the event that moved it into its status was written (the latest such, when it reached
/// that status more than once); a rating afterwards leaves it closed. The event is not
/// checked here: one appended with `sqlite3` dated 2099 would keep the report out of every
/// erasure, so the caller judges it before trusting its time. A report no event moved into
/// its final status (its status set with `sqlite3`, or its event removed once the triggers
/// were dropped) comes with None, for the caller to name rather than pass over.
pub fn closings(conn: &Connection) -> Result<Vec<(i64, Status, Option<i64>)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.status, (SELECT e.id FROM events e
                        WHERE e.report_id = r.id AND e.to_status = r.status
                          AND (e.from_status IS NULL OR e.from_status <> e.to_status)
                        ORDER BY e.at DESC, e.id DESC LIMIT 1) AS closing
           FROM reports r
          WHERE (r.status = 'rejected' OR r.status = 'published'
                 OR r.status = 'closed_private' OR r.status = 'duplicate')
            AND (r.identity IS NULL OR {sealed})
          ORDER BY r.id",
        sealed = sealed_identity_sql("r.identity"),
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?;
    let mut closings = Vec::new();
    for row in rows {
        let (id, status, event) = row?;
        if let Some(status) = Status::parse(&status) {
            closings.push((id, status, event));
        }
    }
    Ok(closings)
}

/// Reports not in a final status whose identity is not erased yet and whose log's last
/// step left them in a final one, with the status the row holds and that one, in id order:
/// a closed report's status set back with `sqlite3` is not among `closings`, and its
/// identity was kept past every cut-off, unnamed. One step back through `events_by_report`
/// per open report (past the few events with no status, which seal none).
pub fn reopened(conn: &Connection) -> Result<Vec<(i64, Status, Status)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, status, logged FROM (
           SELECT r.id, r.status, (SELECT e.to_status FROM events e
                                    WHERE e.report_id = r.id AND e.to_status IS NOT NULL
                                    ORDER BY e.id DESC LIMIT 1) AS logged
             FROM reports r
            WHERE r.status NOT IN ('rejected', 'published', 'closed_private', 'duplicate')
              AND (r.identity IS NULL OR {sealed}))
          WHERE logged IN ('rejected', 'published', 'closed_private', 'duplicate')
          ORDER BY id",
        sealed = sealed_identity_sql("r.identity"),
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut reopened = Vec::new();
    for row in rows {
        let (id, status, logged) = row?;
        if let (Some(status), Some(logged)) = (Status::parse(&status), Status::parse(&logged)) {
            reopened.push((id, status, logged));
        }
    }
    Ok(reopened)
}

/// Reports the log last sealed with a status, agency or urgency `filter` asks for whose
/// rows now say another, in id order: `list --status X` over a row moved out of X with
/// `sqlite3` left it out, exit 0, where a row moved into X is listed and named. What the
/// log sealed is read from the events, which the chain holds: the status each report's last
/// step left it in (as `reopened` reads it), its agency from its last assignment unless the
/// portal answered it since (`domain::workflow`: only `assign` and `answer` set it), and its
/// urgency from an urgent assignment (urgency only rises). An urgency the app sent and
/// that was cleared before any assignment is not in the log's words: `audit verify`, which
/// judges each row's seal, names it. The other filters (field, dates, text) are not judged.
/// One step back through `events_by_report` per report outside the statuses asked for; a
/// scan of the events for the assignments, for an agency or urgency. On 200,000 reports
/// (a million events) each read takes 0.2–0.3 s, on 5,000 a few milliseconds.
pub fn sealed_under_filter_elsewhere(conn: &Connection, filter: &Filter) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = Vec::new();
    let mut collect = |sql: &str, args: Vec<Value>| -> Result<()> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| r.get::<_, i64>(0))?;
        for id in rows {
            ids.push(id?);
        }
        Ok(())
    };
    if !filter.statuses.is_empty() {
        let marks = vec!["?"; filter.statuses.len()].join(", ");
        let statuses: Vec<Value> = filter
            .statuses
            .iter()
            .map(|s| Value::from(s.as_str().to_owned()))
            .collect();
        collect(
            &format!(
                "SELECT id FROM (
                   SELECT r.id, (SELECT e.to_status FROM events e
                                  WHERE e.report_id = r.id AND e.to_status IS NOT NULL
                                  ORDER BY e.id DESC LIMIT 1) AS logged
                     FROM reports r
                    WHERE r.status NOT IN ({marks}))
                  WHERE logged IN ({marks})"
            ),
            [statuses.clone(), statuses].concat(),
        )?;
    }
    if let Some(agency) = &filter.agency {
        collect(
            "SELECT e.report_id FROM events e JOIN reports r ON r.id = e.report_id
              WHERE e.action = 'assign' AND json_extract(e.payload, '$.agency') = ?1
                AND r.agency IS NOT ?1
                AND NOT EXISTS (SELECT 1 FROM events l
                                 WHERE l.report_id = e.report_id AND l.id > e.id
                                   AND l.action IN ('assign', 'answer'))",
            vec![Value::from(agency.clone())],
        )?;
    }
    if filter.urgent == Some(true) {
        collect(
            "SELECT e.report_id FROM events e JOIN reports r ON r.id = e.report_id
              WHERE e.action = 'assign' AND json_extract(e.payload, '$.urgent') = 1
                AND r.urgent = 0",
            Vec::new(),
        )?;
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_columns_are_numbered_as_columns_names_them() {
        let names = column_names();
        assert_eq!(names.len(), COLUMN_COUNT - 1);
        assert_eq!(names[SUBMITTED_AT], "submitted_at");
        assert_eq!(names[OCCURRED_AT], "occurred_at");
        assert_eq!(names[MEDIA], "media");
        assert_eq!(names[REJECT_REASONS], "reject_reasons");
    }

    /// `update` writes the columns whose values differ: `same` must say exactly what
    /// comparing the built values says, also where unequal fields build equal values.
    #[test]
    fn same_says_what_comparing_the_values_says() {
        let at = time::parse("2026-11-01 08:00").unwrap().unwrap();
        let mut base = Report::received("CMG-2026-000001".into(), at);
        base.occurred_at = Some(at);
        base.content = "Ổ gà trước nhà số 12".into();
        base.media = vec!["https://x/a.jpg".into()];
        base.reject_reasons = vec!["missing_media".into()];
        let variants: Vec<fn(&mut Report)> = vec![
            |_| {},
            // Another instant within the same second, and the same instant at another offset.
            |r| r.submitted_at += chrono::Duration::milliseconds(300),
            |r| r.submitted_at += chrono::Duration::seconds(1),
            |r| {
                r.submitted_at = r.submitted_at.with_timezone(&chrono::Utc).fixed_offset();
            },
            |r| r.occurred_at = None,
            |r| {
                r.occurred_at = r.occurred_at.map(|t| t + chrono::Duration::milliseconds(1));
            },
            |r| r.media.clear(),
            |r| r.media = vec!["https://x/a.jpg".into(), String::new()],
            // Reasons that join to the same text.
            |r| r.reject_reasons = vec!["missing".into(), "media".into()],
            |r| r.reject_reasons = vec!["missing,media".into()],
            |r| r.reject_reasons = vec![String::new()],
            |r| r.reject_reasons.clear(),
            |r| r.status = Status::Accepted,
            |r| r.content.push('.'),
            |r| r.latitude = Some(f64::NAN),
            |r| r.agency = Some("UBND".into()),
            |r| r.identity = Stored::Erased(None),
        ];
        let reports: Vec<Report> = variants
            .iter()
            .map(|vary| {
                let mut r = base.clone();
                vary(&mut r);
                r
            })
            .collect();
        for a in &reports {
            for b in &reports {
                let changed = changed(a, b);
                for column in 0..COLUMN_COUNT - 1 {
                    let values_equal = value(a, column) == value(b, column);
                    assert_eq!(
                        same(a, b, column),
                        values_equal,
                        "{}",
                        column_names()[column]
                    );
                    assert_eq!(
                        changed.columns & 1 << column == 0,
                        values_equal,
                        "changed: {}",
                        column_names()[column]
                    );
                }
            }
        }
        // Among them, fields that differ and are stored the same.
        assert!(same(&reports[0], &reports[1], SUBMITTED_AT));
        assert!(!same(&reports[0], &reports[4], OCCURRED_AT));
        assert!(same(&reports[8], &reports[9], REJECT_REASONS));
        assert!(same(&reports[10], &reports[11], REJECT_REASONS));
    }

    fn database() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        conn
    }

    /// The looks for merged reports are steps of their partial index: `show` of one report
    /// read the whole reports table without it.
    #[test]
    fn the_looks_for_merged_reports_take_their_partial_index() {
        let conn = database();
        let plan = |sql: &str| -> Vec<String> {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let params = vec![1; stmt.parameter_count()];
            stmt.query_map(params_from_iter(params), |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(
            plan(MERGED_INTO_ONE),
            ["SEARCH reports USING COVERING INDEX reports_merged (duplicate_of=?)"]
        );
        assert_eq!(
            plan(MERGED_INTO),
            ["SEARCH reports USING COVERING INDEX reports_merged (duplicate_of>?)"]
        );
    }

    #[test]
    fn the_reports_merged_into_one_are_found_and_no_others() {
        let conn = database();
        for (id, of) in [
            (1, None),
            (2, Some(1)),
            (3, None),
            (4, Some(1)),
            (5, Some(3)),
        ] {
            conn.execute(
                "INSERT INTO reports (id, external_id, submitted_at, duplicate_of) \
                 VALUES (?1, ?2, '2026-10-01T07:19:38+07:00', ?3)",
                params![id, format!("X-{id}"), of],
            )
            .unwrap();
        }
        assert_eq!(merged_into_one(&conn, 1).unwrap(), [2, 4]);
        assert_eq!(merged_into_one(&conn, 3).unwrap(), [5]);
        assert!(merged_into_one(&conn, 2).unwrap().is_empty());
        let all = merged_into(&conn).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[&1], [2, 4]);
        assert_eq!(all[&3], [5]);
    }

    /// Open reports before finished ones, urgent first within each, then by submission
    /// time; a status filter keeps that order among what it keeps.
    #[test]
    fn the_listing_puts_open_work_first_and_urgent_first_within_it() {
        let conn = database();
        let at = |minute: u32| {
            time::parse(&format!("2026-08-03 09:{minute:02}"))
                .unwrap()
                .unwrap()
        };
        let cases = [
            ("closed-urgent", Status::Published, true, 0),
            ("open-late", Status::Assigned, false, 9),
            ("closed-old", Status::Rejected, false, 1),
            ("open-urgent-late", Status::Replied, true, 8),
            ("open-early", Status::Received, false, 2),
            ("open-urgent-early", Status::Accepted, true, 3),
            ("closed-urgent-late", Status::ClosedPrivate, true, 7),
            ("closed-late", Status::Duplicate, false, 6),
        ];
        let mut inserter = Inserter::new(&conn).unwrap();
        for (name, status, urgent, minute) in cases {
            let mut report = Report::received(name.into(), at(minute));
            report.status = status;
            report.urgent = urgent;
            inserter.insert(&report).unwrap();
        }
        let names = |filter: &Filter| -> Vec<String> {
            list(&conn, filter)
                .unwrap()
                .into_iter()
                .map(|r| r.external_id)
                .collect()
        };
        assert_eq!(
            names(&Filter::default()),
            [
                "open-urgent-early",
                "open-urgent-late",
                "open-early",
                "open-late",
                "closed-urgent",
                "closed-urgent-late",
                "closed-old",
                "closed-late",
            ]
        );
        let some = Filter {
            statuses: vec![Status::Duplicate, Status::Assigned, Status::Published],
            ..Default::default()
        };
        assert_eq!(names(&some), ["open-late", "closed-urgent", "closed-late"]);
        let urgent = Filter {
            urgent: Some(true),
            ..Default::default()
        };
        assert_eq!(
            names(&urgent),
            [
                "open-urgent-early",
                "open-urgent-late",
                "closed-urgent",
                "closed-urgent-late"
            ]
        );
    }

    /// Each group is walked on the status index and merged, sorting one month at a time
    /// (the index keys reports by month since migration 10), never all matches at once: a
    /// whole sort would read every match before the first row, which `list --limit` on a
    /// large database cannot afford. A window of dates seeks its months on the index. With
    /// an agency, each arm reads only that agency's reports of its status and sorts them.
    /// Read from the query plan, with every filter `list` may add.
    #[test]
    fn each_group_of_the_listing_is_index_walks_merged_a_month_at_a_time() {
        let conn = database();
        let dated = Filter {
            field: Some("GT".into()),
            submitted_from: Some("2026-01-01T00:00:00+07:00".into()),
            submitted_before: Some("2027-01-01T00:00:00+07:00".into()),
            overdue_at: Some("2026-10-05T08:00:00+07:00".into()),
            ..Default::default()
        };
        let handler = Filter {
            agency: Some("SXD".into()),
            ..dated.clone()
        };
        for (filter, index, sorted) in [
            (
                Filter::default(),
                "INDEX reports_by_status (status=? AND urgent=?)",
                false,
            ),
            (
                dated,
                "INDEX reports_by_status (status=? AND urgent=? AND <expr>>? AND <expr><?)",
                false,
            ),
            (
                handler,
                "INDEX reports_by_agency (agency=? AND status=?)",
                true,
            ),
        ] {
            let (clauses, args) = listed_clauses(&filter);
            for arms in [1, 4, 6] {
                let sql = group_sql(arms, &clauses, filter.agency.is_some());
                let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
                let mut bound: Vec<Value> = Vec::new();
                for status in &Status::ALL[..arms] {
                    bound.push(Value::from(status.as_str().to_owned()));
                    bound.push(Value::from(0_i64));
                    bound.extend(args.iter().cloned());
                }
                let plan: Vec<String> = stmt
                    .query_map(params_from_iter(bound), |r| r.get::<_, String>(3))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                let walks = plan.iter().filter(|step| step.contains(index)).count();
                assert_eq!(walks, arms, "{plan:#?}");
                let whole = plan
                    .iter()
                    .filter(|s| s.contains("USE TEMP B-TREE FOR ORDER BY"))
                    .count();
                // SQLite words a sort of the terms after the month per arm of a compound
                // query as its "right part", and for one query as its "last 2 terms".
                let by_month = plan
                    .iter()
                    .filter(|s| {
                        s.contains("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY")
                            || s.contains("USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY")
                    })
                    .count();
                assert_eq!(
                    (whole, by_month),
                    if sorted { (arms, 0) } else { (0, arms) },
                    "{plan:#?}"
                );
                if arms > 1 {
                    assert!(plan.iter().any(|s| s.contains("MERGE")), "{plan:#?}");
                }
            }
        }
    }

    /// What `changed` found on another thread writes what `update` writes, and only for the
    /// row it was found for.
    #[test]
    fn an_update_of_the_changed_columns_writes_the_step_and_keeps_to_its_row() {
        let conn = database();
        let at = time::parse("2026-08-03 09:15").unwrap().unwrap();
        let mut before = Report::received("CMG-1".into(), at);
        before.content = "Đường ngập sâu".into();
        before.id = Inserter::new(&conn)
            .unwrap()
            .insert(&before)
            .unwrap()
            .unwrap();
        let mut after = before.clone();
        after.status = Status::Rejected;
        after.reject_reasons = vec!["missing_media".into()];
        let found = changed(&before, &after);
        let mut other = after.clone();
        other.id += 1;
        let refused = update_changed(&conn, &other, found).unwrap_err();
        assert!(
            refused.to_string().contains("keep the report's id"),
            "{refused}"
        );
        assert_eq!(load(&conn, before.id).unwrap().unwrap(), before);
        update_changed(&conn, &after, found).unwrap();
        assert_eq!(load(&conn, before.id).unwrap().unwrap(), after);
        update_changed(&conn, &after, changed(&after, &after)).unwrap();
        assert_eq!(load(&conn, before.id).unwrap().unwrap(), after);
    }

    /// The fast text reading of `from_row` gives back what was stored, and a column that is
    /// not valid UTF-8 or not text is still refused, as `row.get` refuses it.
    #[test]
    fn a_loaded_report_is_the_stored_one_and_bad_text_is_refused() {
        let conn = database();
        let at = time::parse("2026-08-03 09:15").unwrap().unwrap();
        let mut report = Report::received("CMG-1".into(), at);
        report.content = "Đường Nguyễn Tất Thành ngập sâu 0,5 m \u{1F30A}".into();
        report.address = "Số 250, khóm 9".into();
        report.reject_reasons = vec!["missing_media".into(), "not_vietnamese".into()];
        report.occurred_at = Some(at);
        let id = Inserter::new(&conn)
            .unwrap()
            .insert(&report)
            .unwrap()
            .unwrap();
        report.id = id;
        assert_eq!(load(&conn, id).unwrap().unwrap(), report);

        for (column, value) in [
            ("content", "CAST(x'ff41' AS TEXT)"),
            ("address", "CAST(x'c3' AS TEXT)"),
            ("submitted_at", "CAST(x'ff' AS TEXT)"),
            ("submitted_at", "'not a time'"),
        ] {
            let mut damaged = report.clone();
            damaged.external_id = format!("CMG-{column}-{value}");
            let id = Inserter::new(&conn)
                .unwrap()
                .insert(&damaged)
                .unwrap()
                .unwrap();
            conn.execute(
                &format!("UPDATE reports SET {column} = {value} WHERE id = ?1"),
                [id],
            )
            .unwrap();
            assert!(load(&conn, id).is_err(), "{column} = {value} was read");
        }
    }

    /// The failure of a report row phananh cannot read as it writes them, whole in each
    /// language, with its exit class (5).
    #[test]
    fn an_unreadable_row_fails_in_both_languages() {
        use crate::i18n::Lang;
        let failed = unreadable_failure("7", &"status 'lost'");
        assert_eq!(crate::exit::status_of(&failed), crate::exit::INTEGRITY);
        assert_eq!(
            crate::exit::message_of(&failed, Lang::Vi),
            "phản ánh 7: dòng dữ liệu không như phananh ghi (status 'lost'), bị sửa ngoài phananh. Hãy chạy `phananh audit verify` và báo quản trị viên."
        );
        assert_eq!(
            crate::exit::message_of(&failed, Lang::En),
            "report 7: its row is not as phananh writes it (status 'lost'), edited outside phananh. Run `phananh audit verify` and tell an admin"
        );
    }
}
