//! The one bulk writer: the transaction cycle of every long write (`ingest`, `validate` over
//! the whole queue, the first `sweep`). Owns when a transaction commits (every N rows or T
//! elapsed, or at the end of a caller's page), the pause that lets waiting writers in, the
//! background checkpoint and how often the writer waits for it to catch up, and
//! `synchronous`. What is written, and in what order, is the caller's; no SQL of the
//! domain's lives here.
//!
//! The figures of the three [`Policy`] presets were each measured for their command; the
//! measurements are in `bench/ANALYSIS.md`.

use std::time::{Duration, Instant};

use anyhow::Result;
use rusqlite::Connection;

use super::BackgroundCheckpoint;
use super::queue::Queue;
use super::tx::{Write, immediate};

/// SQLite's page cache for a bulk run, in KiB (the default is 2,000 KiB). A file in random
/// time order (a merged or backfilled export) inserts and validates at random places of the
/// submission-time indexes; with the default cache every such insert read and wrote pages
/// the last one had just evicted, and most of `ingest --validate`'s time went to the kernel
/// (issue 18). 16 MiB holds those indexes' working set for a few hundred thousand reports and
/// keeps a run far under its memory bound. It stays for the rest of the command, which is
/// short after a bulk run.
pub const BULK_CACHE_KIB: i64 = 16 * 1024;

/// When a bulk writer commits, pauses and waits for the checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Rows per transaction ([`Bulk::wrote`]): large enough that commits cost little, small
    /// enough that WAL does not write everything twice and that the checkpoint thread copies
    /// one transaction while the next is written. A page walker's transaction is its page
    /// ([`Bulk::page_done`]), of this many rows.
    pub rows: usize,
    /// The longest a transaction stays open, however few rows it holds ([`Bulk::wrote`]).
    pub time: Duration,
    /// Rows between two pauses that let waiting writers in ([`super::let_waiters_in`]);
    /// 0: after every transaction.
    pub pause_rows: usize,
    /// The longest the writer holds the lock without such a pause: operators and cron wait
    /// for it (their busy timeout is 10 s), so a slow disk pauses sooner than `pause_rows`.
    pub pause_time: Duration,
    /// Pauses between two waits for the checkpoint thread to catch up, which is what lets
    /// the log start over (see [`BackgroundCheckpoint`]); `None`: never wait, the copy at
    /// the end suffices because the run is short.
    pub catch_up_every: Option<usize>,
    /// `synchronous = NORMAL` for the run. Under WAL it never corrupts the file; a power cut
    /// may lose the last transactions, which running the command again restores. It spares
    /// an fsync at every checkpoint.
    pub relaxed_sync: bool,
}

impl Policy {
    /// `ingest`: transactions of 5,000 rows or 250 ms (2,500 and 20,000 rows measured
    /// slower); a pause every 20,000 rows or second, at which the load also waits for the
    /// copy (without that wait the log grew to the whole load, 401 MB for 200,000 rows;
    /// with it, 41 MB). `synchronous = NORMAL` took 200,000 rows from 5.0 s to 4.3 s.
    pub const INGEST: Policy = Policy {
        rows: 5_000,
        time: Duration::from_millis(250),
        pause_rows: 20_000,
        pause_time: Duration::from_secs(1),
        catch_up_every: Some(1),
        relaxed_sync: true,
    };

    /// `validate` over every received report: pages of 5,000, the lock let go every fourth
    /// page or second (as `ingest`) so operators and cron get their turn, and the copy caught
    /// up at each such pause, so the log holds at most about four pages. Pausing after every
    /// page spent 15 ms forty times in a validation of 200,000 reports, some 10 % of its
    /// time (bench/HISTORY.md, 2026-12-05, "the validation's pauses"). `synchronous` stays as
    /// the connection has it, as it always has for `validate`.
    pub const VALIDATE: Policy = Policy {
        rows: 5_000,
        time: Duration::MAX,
        pause_rows: 20_000,
        pause_time: Duration::from_secs(1),
        catch_up_every: Some(1),
        relaxed_sync: false,
    };

    /// The first `sweep`: pages of 12,500 clocks. A page holds the lock a fraction of a
    /// second and its rows take about 7 MB; pages of 10,000 spent a tenth of a first sweep
    /// in the pauses between them (when pages paused). Each page's commit is copied on the
    /// checkpoint thread while the next is reminded (1.32 s -> 1.06 s for 93,071
    /// reminders); a sweep is a few pages, so it never waits for the copy before the last.
    /// Pages of 25,000 held some 15 MB of rows, freed and built again page after page, which
    /// mimalloc gives back to the system only after a delay: the resident peak of a later
    /// sweep over 160,000 reports swung between 55 and 65.6 MB from one build to the next
    /// (55 MB every time with `MIMALLOC_PURGE_DELAY=0`); with half the page, 56.4 MB
    /// (`memory::audit_verify_of_a_large_log_runs_in_flat_memory`).
    pub const SWEEP: Policy = Policy {
        rows: 12_500,
        time: Duration::MAX,
        pause_rows: 0,
        pause_time: Duration::MAX,
        catch_up_every: None,
        relaxed_sync: true,
    };
}

/// Whether the writer is still in the transaction it was in, or has committed and begun
/// another. After `Began`, anything read under the old lock may be stale: another writer
/// may have come in between (the chain's head, above all).
#[must_use = "after a new transaction, what was read under the old one must be read again"]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    Same,
    Began,
}

impl Turn {
    pub fn began(self) -> bool {
        self == Turn::Began
    }
}

/// A long write in a series of immediate transactions, under one [`Policy`]. Derefs to the
/// connection, inside the current transaction.
///
/// When the caller already holds a transaction (a player wrapping thousands of steps in
/// one, see `app::play`), the whole run is one savepoint inside it: it never commits nor
/// pauses on its own, the caller's transaction holds the lock, and `synchronous` and the
/// checkpoint are the caller's.
pub struct Bulk<'c> {
    conn: &'c Connection,
    policy: Policy,
    write: Option<Write<'c>>,
    in_transaction: usize,
    transaction_started: Instant,
    since_pause: usize,
    pause_started: Instant,
    pauses: usize,
    /// Declared after `write`, so that it is dropped after the last commit (or rollback).
    checkpoint: Option<BackgroundCheckpoint<'c>>,
    /// This writer's place among the bulk and cron writers (`storage::queue`): the turn is
    /// held from the first transaction to the next pause, then handed on. Declared last:
    /// given back after the last commit and copy.
    queue: Option<Queue>,
    /// Whether the end of the page under way pauses, decided at its start
    /// ([`Bulk::pauses_after`]) for a caller that must know it before the end.
    pause_decided: Option<bool>,
    /// How long the last transaction took, from its start to its commit.
    last_took: Duration,
    /// The connection's page cache before the bulk's own, put back when the bulk ends: what
    /// the caller reads afterwards (the sweep's checks of the log) would otherwise fill a
    /// 16 MiB cache on top of the pages the writing left, which took the first sweep past
    /// the 64 MB of issue 18 (68 MB at 100,000 reports).
    cache_before: Option<i64>,
}

impl<'c> Bulk<'c> {
    /// Begins the first transaction.
    pub fn begin(conn: &'c Connection, policy: Policy) -> Result<Self> {
        let mut bulk = Bulk::waiting(conn, policy)?;
        let _ = bulk.resume()?;
        Ok(bulk)
    }

    /// Ready to write, but holding neither the lock nor the writers' turn until the first
    /// [`Bulk::resume`]: for a writer whose rows come from an input that may keep it waiting
    /// (a pipe, a FIFO), which must not stop every other writer meanwhile. Inside the
    /// caller's transaction the savepoint begins at once: the lock is the caller's.
    pub fn waiting(conn: &'c Connection, policy: Policy) -> Result<Self> {
        let mut checkpoint = None;
        let mut queue = None;
        let mut write = None;
        let mut cache_before = None;
        if conn.is_autocommit() {
            if policy.relaxed_sync {
                conn.pragma_update(None, "synchronous", "NORMAL")?;
            }
            checkpoint = BackgroundCheckpoint::start(conn)?;
            cache_before = Some(conn.pragma_query_value(None, "cache_size", |r| r.get(0))?);
            conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
            queue = Queue::of(conn)?;
        } else {
            write = Some(immediate(conn)?);
        }
        let policy = Policy {
            rows: super::debug_env("PHANANH_BULK_ROWS")
                .and_then(|rows| rows.parse().ok())
                .unwrap_or(policy.rows),
            ..policy
        };
        Ok(Bulk {
            conn,
            policy,
            write,
            in_transaction: 0,
            transaction_started: Instant::now(),
            since_pause: 0,
            pause_started: Instant::now(),
            pauses: 0,
            checkpoint,
            queue,
            pause_decided: None,
            last_took: Duration::ZERO,
            cache_before,
        })
    }

    /// Rows per transaction, or per page of a page walker: the policy's, or in a debug build
    /// `PHANANH_BULK_ROWS`, with which a test plays several pages with a handful of rows.
    pub fn rows(&self) -> usize {
        self.policy.rows
    }

    /// Decides now, as a page of at most `rows` rows begins, whether its end
    /// ([`Bulk::page_done_then`]) pauses, and keeps to it at the end whatever the clock says
    /// by then: a caller reading the next page through another connection must not hold a
    /// read snapshot while the pause waits for the copy of the log, or the copy stops at that
    /// snapshot and the log never starts over. The page is taken to last as long as the
    /// transaction before it: judged by the clock at the page's start alone, a slow machine
    /// held the lock (and grew the log by) one page more than `pause_time` allows.
    pub fn pauses_after(&mut self, rows: usize) -> bool {
        let due = !self.is_nested() && self.pause_due(self.in_transaction + rows, self.last_took);
        self.pause_decided = Some(due);
        due
    }

    /// Whether `more` rows beyond those since the last pause, and `ahead` beyond now, call
    /// for one.
    fn pause_due(&self, more: usize, ahead: Duration) -> bool {
        self.since_pause + more >= self.policy.pause_rows
            || self.pause_started.elapsed().saturating_add(ahead) >= self.policy.pause_time
    }

    /// Takes the writers' turn and begins a transaction, unless one is under way: `Began`
    /// when it began one (what was read before may be stale).
    pub fn resume(&mut self) -> Result<Turn> {
        if self.write.is_some() {
            return Ok(Turn::Same);
        }
        if let Some(queue) = &mut self.queue {
            queue.take()?;
        }
        self.write = Some(immediate(self.conn)?);
        self.transaction_started = Instant::now();
        self.since_pause = 0;
        self.pause_started = Instant::now();
        Ok(Turn::Began)
    }

    /// Commits what was written and lets go of the lock and of the writers' turn while the
    /// caller waits for its input; the next [`Bulk::resume`] takes them again. Inside the
    /// caller's transaction, nothing: the lock is the caller's to let go.
    pub fn rest(&mut self) -> Result<()> {
        if self.is_nested() {
            return Ok(());
        }
        let Some(write) = self.write.take() else {
            return Ok(());
        };
        write.commit()?;
        if std::mem::take(&mut self.in_transaction) > 0
            && let Some(checkpoint) = &self.checkpoint
        {
            checkpoint.committed();
        }
        if let Some(queue) = &mut self.queue {
            queue.give_back();
        }
        Ok(())
    }

    /// The connection, for statements prepared once and used across the run's transactions.
    pub fn conn(&self) -> &'c Connection {
        self.conn
    }

    /// True when the run is a savepoint in the caller's transaction.
    pub fn is_nested(&self) -> bool {
        self.write.as_ref().is_some_and(Write::is_nested)
    }

    /// The caller wrote `rows` more rows: commits and begins the next transaction when this
    /// one has enough of them, or has been open long enough.
    pub fn wrote(&mut self, rows: usize) -> Result<Turn> {
        self.in_transaction += rows;
        if self.is_nested()
            || (self.in_transaction < self.policy.rows
                && self.transaction_started.elapsed() < self.policy.time)
        {
            return Ok(Turn::Same);
        }
        self.next_transaction(|| ())
    }

    /// The caller finished a page, of which it wrote `rows` rows: commits it and begins the
    /// next transaction (a savepoint of its own, when nested). A page that wrote nothing
    /// only held the lock to read: there is nothing to copy, and no pause after it.
    pub fn page_done(&mut self, rows: usize) -> Result<Turn> {
        self.page_done_then(rows, || ())
    }

    /// The same, running `outside` between the two transactions, after the pause: work that
    /// must not hold the lock, such as printing the page (a reader of the output may be
    /// slow, or never read).
    pub fn page_done_then(&mut self, rows: usize, outside: impl FnOnce()) -> Result<Turn> {
        self.in_transaction += rows;
        if self.is_nested() {
            if let Some(write) = self.write.take() {
                write.commit()?;
            }
            outside();
            self.write = Some(immediate(self.conn)?);
            self.in_transaction = 0;
            return Ok(Turn::Began);
        }
        self.next_transaction(|| {
            outside();
            between_pages();
        })
    }

    fn next_transaction(&mut self, outside: impl FnOnce()) -> Result<Turn> {
        if let Some(write) = self.write.take() {
            write.commit()?;
        }
        self.last_took = self.transaction_started.elapsed();
        let rows = std::mem::take(&mut self.in_transaction);
        let decided = self.pause_decided.take();
        if rows > 0 {
            if let Some(checkpoint) = &self.checkpoint {
                checkpoint.committed();
            }
            let due = decided.unwrap_or_else(|| self.pause_due(rows, Duration::ZERO));
            self.since_pause += rows;
            if due {
                self.pause()?;
            }
        }
        outside();
        self.write = Some(immediate(self.conn)?);
        self.transaction_started = Instant::now();
        Ok(Turn::Began)
    }

    fn pause(&mut self) -> Result<()> {
        super::let_waiters_in();
        self.pauses += 1;
        // Every few pauses the copy must catch up, or the log never starts over.
        if let (Some(every), Some(checkpoint)) = (self.policy.catch_up_every, &self.checkpoint)
            && self.pauses.is_multiple_of(every)
        {
            checkpoint.caught_up();
        }
        // The single steps got in above, under this writer's turn; now the bulk writer that
        // waited longest gets the next one, and this one queues behind it.
        if let Some(queue) = &mut self.queue {
            queue.give_back();
            queue.take()?;
        }
        self.since_pause = 0;
        self.pause_started = Instant::now();
        Ok(())
    }

    /// Commits the last transaction; the checkpoint thread then copies it and stops.
    pub fn finish(mut self) -> Result<()> {
        if let Some(write) = self.write.take() {
            write.commit()?;
        }
        Ok(())
    }

    /// Rolls back the transaction under way; those committed before stay.
    pub fn abandon(mut self) {
        if let Some(write) = self.write.take() {
            let _ = write.rollback();
        }
    }
}

/// A test hook, read in debug builds only (as `PHANANH_FAULT`): between two pages, after the
/// commit and before the next transaction begins, with `PHANANH_PAGE_HOOK` naming a FIFO
/// that exists, the writer opens it to read and reads it to its end: the test opens it to
/// write once the writer is there, commits as another writer would, then closes it. A
/// missing file is passed by, so a test that removes the FIFO lets the later pages go.
fn between_pages() {
    if let Some(path) = super::debug_env("PHANANH_PAGE_HOOK")
        && let Ok(mut fifo) = std::fs::File::open(path)
    {
        use std::io::Read as _;
        let _ = fifo.read_to_end(&mut Vec::new());
    }
}

impl Drop for Bulk<'_> {
    fn drop(&mut self) {
        if let Some(kib) = self.cache_before {
            // A smaller cache lets its pages go at once; failing that, the bulk's cache
            // stays, as before.
            let _ = self.conn.pragma_update(None, "cache_size", kib);
        }
    }
}

impl std::ops::Deref for Bulk<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap()
    }

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
        conn
    }

    /// A writer waiting for its input holds no lock: before its first `resume`, and after
    /// `rest`, which commits what it wrote; another connection writes meanwhile.
    #[test]
    fn a_resting_writer_holds_no_lock_and_keeps_what_it_wrote() {
        let (_dir, conn, other) = crate::storage::tx::tests::two_connections();
        // Refused at once rather than after rusqlite's default wait.
        other.busy_timeout(Duration::ZERO).unwrap();
        let other_writes = || {
            other
                .execute_batch("BEGIN IMMEDIATE; INSERT INTO t VALUES (0); COMMIT")
                .is_ok()
        };
        let mut bulk = Bulk::waiting(&conn, SMALL).unwrap();
        assert!(other_writes(), "locked before the first record");
        assert!(bulk.resume().unwrap().began());
        bulk.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert!(!bulk.wrote(1).unwrap().began());
        assert!(!other_writes(), "the writer holds the lock while it writes");
        bulk.rest().unwrap();
        assert!(other_writes(), "locked while resting");
        assert_eq!(rows(&other), 3);
        assert!(bulk.resume().unwrap().began());
        assert!(!bulk.resume().unwrap().began());
        bulk.finish().unwrap();
    }

    const SMALL: Policy = Policy {
        rows: 3,
        time: Duration::MAX,
        pause_rows: usize::MAX,
        pause_time: Duration::MAX,
        catch_up_every: None,
        relaxed_sync: false,
    };

    /// Every `rows` rows the writer commits and says so; what the run had not committed when
    /// abandoned is undone, what it had stays.
    #[test]
    fn commits_every_n_rows_and_says_when_it_began_anew() {
        let conn = table();
        let mut bulk = Bulk::begin(&conn, SMALL).unwrap();
        assert!(!bulk.is_nested());
        let mut turns = Vec::new();
        for x in 0..7 {
            bulk.execute("INSERT INTO t VALUES (?1)", [x]).unwrap();
            turns.push(bulk.wrote(1).unwrap().began());
        }
        assert_eq!(turns, [false, false, true, false, false, true, false]);
        bulk.abandon();
        assert!(conn.is_autocommit());
        assert_eq!(rows(&conn), 6);
    }

    /// Inside the caller's transaction the run is one savepoint: no commit of its own
    /// whatever the count, and the caller still decides.
    #[test]
    fn inside_a_callers_transaction_it_is_a_savepoint() {
        let conn = table();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        let mut bulk = Bulk::begin(&conn, SMALL).unwrap();
        assert!(bulk.is_nested());
        for x in 0..7 {
            bulk.execute("INSERT INTO t VALUES (?1)", [x]).unwrap();
            assert_eq!(bulk.wrote(1).unwrap(), Turn::Same);
        }
        bulk.finish().unwrap();
        assert!(!conn.is_autocommit());
        conn.execute_batch("ROLLBACK").unwrap();
        assert_eq!(rows(&conn), 0);
    }

    /// A page walker commits at the end of each page, whatever its size.
    #[test]
    fn a_page_is_a_transaction() {
        let conn = table();
        let mut bulk = Bulk::begin(&conn, Policy::SWEEP).unwrap();
        bulk.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert!(bulk.page_done(1).unwrap().began());
        assert!(bulk.page_done(0).unwrap().began());
        bulk.execute("INSERT INTO t VALUES (2)", []).unwrap();
        bulk.abandon();
        assert_eq!(rows(&conn), 1);
    }

    /// A page's end pauses as decided when the page began, whatever its rows say by then: a
    /// caller reading ahead through another connection holds no snapshot only across the
    /// pauses it was told of.
    #[test]
    fn a_page_end_keeps_the_pause_decided_at_its_start() {
        let conn = table();
        let policy = Policy {
            pause_rows: 4,
            ..SMALL
        };
        let mut bulk = Bulk::begin(&conn, policy).unwrap();
        assert!(!bulk.pauses_after(3));
        assert!(bulk.page_done(5).unwrap().began());
        assert_eq!(bulk.pauses, 0, "a pause told away is not taken");
        assert!(bulk.pauses_after(4));
        assert!(bulk.page_done(1).unwrap().began());
        assert_eq!(bulk.pauses, 1);
        // Undecided, the rows written decide, as for every other writer.
        assert!(bulk.page_done(4).unwrap().began());
        assert_eq!(bulk.pauses, 2);
        bulk.finish().unwrap();
    }

    /// Decided at a page's start, the time a pause is due by counts the page ahead as long
    /// as the last transaction was: otherwise a slow run paused a page late.
    #[test]
    fn a_page_is_taken_to_last_as_long_as_the_last_transaction() {
        let conn = table();
        let policy = Policy {
            pause_time: Duration::from_secs(1800),
            ..SMALL
        };
        let mut bulk = Bulk::begin(&conn, policy).unwrap();
        assert!(!bulk.pauses_after(1));
        bulk.last_took = Duration::from_secs(3600);
        assert!(bulk.pauses_after(1));
        bulk.finish().unwrap();
    }

    /// The bulk's large page cache is the bulk's: once it ends, however it ends, the
    /// connection reads with the cache it had (the first sweep's checks of the log read
    /// after it, and filled 16 MiB more).
    #[test]
    fn the_bulk_cache_ends_with_the_bulk() {
        let cache = |conn: &Connection| -> i64 {
            conn.pragma_query_value(None, "cache_size", |r| r.get(0))
                .unwrap()
        };
        let conn = table();
        let before = cache(&conn);
        let bulk = Bulk::begin(&conn, Policy::SWEEP).unwrap();
        assert_eq!(cache(&conn), -BULK_CACHE_KIB);
        bulk.finish().unwrap();
        assert_eq!(cache(&conn), before);
        let bulk = Bulk::begin(&conn, SMALL).unwrap();
        bulk.abandon();
        assert_eq!(cache(&conn), before);
    }
}
