//! Transactions: one `BEGIN IMMEDIATE` per write step, or a savepoint inside a bulk
//! caller's transaction, and the read snapshot a reader beside a writer takes. Owns the
//! locking discipline every writer follows; no SQL of the domain's lives here.

use anyhow::Result;
use rusqlite::Connection;

/// A write transaction that takes the lock up front, so cron and an operator queue instead
/// of deadlocking half-way (TaskChampion's rule).
///
/// When the connection is already inside a transaction (a bulk player wrapping thousands of
/// steps in one, see `play`), the step becomes a savepoint in it instead: it still commits
/// or rolls back as a whole, and the outer transaction holds the lock.
pub fn immediate(conn: &Connection) -> Result<Write<'_>> {
    let nested = !conn.is_autocommit();
    if nested {
        run_kept(conn, "SAVEPOINT phananh_step")?;
    } else {
        run_kept(conn, "BEGIN IMMEDIATE")?;
    }
    Ok(Write {
        conn,
        nested,
        finished: false,
    })
}

/// A read transaction: everything read through `conn` until it is dropped (rolled back)
/// comes from one snapshot, the database as committed when its first read runs, whatever
/// writers do meanwhile; it takes no lock. For a reader beside a writer
/// (`storage::reader_beside`), a dry run of the sweep listing the whole list as of one
/// moment, a look before deciding to write. Nothing is written through it.
pub fn snapshot(conn: &Connection) -> Result<rusqlite::Transaction<'_>> {
    Ok(conn.unchecked_transaction()?)
}

/// A read transaction like [`snapshot`], held until `conn` is closed (which ends it), for a
/// reader whose rows are streamed from a value that owns the connection, beside which a
/// guard borrowing it cannot live (the public exports). Nothing is written through `conn`
/// afterwards.
pub fn hold_snapshot(conn: &Connection) -> Result<()> {
    run_kept(conn, "BEGIN DEFERRED")?;
    Ok(())
}

/// A read transaction like [`hold_snapshot`] whose snapshot is taken now, by a read, not at
/// the first read after: beside a writer holding the lock (a full export about to record
/// itself), it is the database as that writer found it, without what it is about to commit
/// and whatever another commits after.
pub fn hold_snapshot_now(conn: &Connection) -> Result<()> {
    run_kept(conn, "BEGIN DEFERRED")?;
    conn.prepare_cached("SELECT count(*) FROM sqlite_schema")?
        .query_row([], |_| Ok(()))?;
    Ok(())
}

/// A number that differs from the one read before on the same connection when another
/// connection has committed in between (`PRAGMA data_version`): this connection's own
/// commits, and copies of the log into the file, leave it as it was. A writer that let
/// something be read ahead through another connection between two of its transactions
/// knows by it whether what was read may be stale.
pub fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// A single write by a cron or bulk command outside its bulk run (the sweep's recomputation
/// of deadlines): it waits for its turn among the bulk writers (`storage::queue`) without a
/// deadline, then takes the lock as `immediate` does. The turn is held until the write is
/// dropped.
pub fn queued(conn: &Connection) -> Result<Queued<'_>> {
    let mut queue = super::queue::Queue::of(conn)?;
    if conn.is_autocommit()
        && let Some(queue) = &mut queue
    {
        queue.take()?;
    }
    let write = immediate(conn)?;
    Ok(Queued {
        write,
        _queue: queue,
    })
}

/// A read snapshot for a cron or bulk command after its writes (the sweep's checks of the
/// log, read after its reminders): taken in this process's turn among the bulk writers, so
/// that, as its writes did, it waits for SQLite without a deadline. Outside the turn it had
/// a single step's busy timeout, and under eight ingests checkpointing their logs a sweep
/// gave up on its read. The turn is held until the snapshot is dropped.
pub fn queued_read(conn: &Connection) -> Result<QueuedRead<'_>> {
    let mut queue = super::queue::Queue::of(conn)?;
    if conn.is_autocommit()
        && let Some(queue) = &mut queue
    {
        queue.take()?;
    }
    Ok(QueuedRead {
        _read: snapshot(conn)?,
        _queue: queue,
    })
}

/// A read snapshot in this process's turn, from [`queued_read`].
pub struct QueuedRead<'c> {
    /// Declared first: the snapshot ends before the turn is handed on.
    _read: rusqlite::Transaction<'c>,
    _queue: Option<super::queue::Queue>,
}

/// A write under the lock in this process's turn, from [`queued`].
pub struct Queued<'c> {
    write: Write<'c>,
    /// Declared after `write`: the turn is handed on after the commit or rollback.
    _queue: Option<super::queue::Queue>,
}

impl<'c> Queued<'c> {
    pub fn commit(self) -> rusqlite::Result<()> {
        self.write.commit()
    }
}

impl<'c> std::ops::Deref for Queued<'c> {
    type Target = Write<'c>;

    fn deref(&self) -> &Write<'c> {
        &self.write
    }
}

/// Runs one statement kept prepared (a bulk player runs these at every step).
fn run_kept(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([]).map(drop)
}

/// A write under the lock, from [`immediate`]: its own `BEGIN IMMEDIATE` transaction, or a
/// savepoint inside the caller's. Rolled back when dropped unfinished.
pub struct Write<'c> {
    conn: &'c Connection,
    nested: bool,
    finished: bool,
}

impl Write<'_> {
    /// True when this write is a savepoint inside a transaction someone else commits.
    pub fn is_nested(&self) -> bool {
        self.nested
    }

    /// Commits (or releases the savepoint). If that fails, the write is rolled back when
    /// dropped, as a transaction of rusqlite's would be.
    pub fn commit(mut self) -> rusqlite::Result<()> {
        let done = if self.nested {
            run_kept(self.conn, "RELEASE phananh_step")
        } else {
            run_kept(self.conn, "COMMIT")
        };
        self.finished = done.is_ok();
        done
    }

    pub fn rollback(mut self) -> rusqlite::Result<()> {
        self.finished = true;
        self.undo()
    }

    fn undo(&self) -> rusqlite::Result<()> {
        if self.nested {
            run_kept(self.conn, "ROLLBACK TO phananh_step")?;
            run_kept(self.conn, "RELEASE phananh_step")
        } else {
            run_kept(self.conn, "ROLLBACK")
        }
    }
}

impl std::ops::Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Write<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.undo();
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Two connections to one new file in WAL mode holding a table `t` (x INTEGER), as a
    /// writer and a reader or another writer beside it; the directory lives as long as the
    /// first value.
    pub(crate) fn two_connections() -> (tempfile::TempDir, Connection, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER)")
            .unwrap();
        let other = Connection::open(&path).unwrap();
        (dir, conn, other)
    }

    /// What the read-ahead of `app::validate` relies on: only another connection's commit
    /// changes the number, not the connection's own nor a copy of the log.
    #[test]
    fn data_version_moves_only_for_another_connections_commit() {
        let (_dir, conn, other) = two_connections();
        let before = data_version(&conn).unwrap();
        conn.execute_batch("INSERT INTO t VALUES (1)").unwrap();
        other
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .unwrap();
        assert_eq!(data_version(&conn).unwrap(), before);
        other.execute_batch("INSERT INTO t VALUES (2)").unwrap();
        assert_ne!(data_version(&conn).unwrap(), before);
    }

    fn rows(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_write_is_a_transaction_of_its_own_or_a_savepoint_in_the_callers() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
        let tx = immediate(&conn).unwrap();
        assert!(!tx.is_nested());
        tx.execute("INSERT INTO t VALUES (1)", []).unwrap();
        tx.commit().unwrap();
        assert!(conn.is_autocommit());

        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        let step = immediate(&conn).unwrap();
        assert!(step.is_nested());
        step.execute("INSERT INTO t VALUES (2)", []).unwrap();
        step.rollback().unwrap();
        {
            // Dropped unfinished: undone too.
            let step = immediate(&conn).unwrap();
            step.execute("INSERT INTO t VALUES (3)", []).unwrap();
        }
        let step = immediate(&conn).unwrap();
        step.execute("INSERT INTO t VALUES (4)", []).unwrap();
        step.commit().unwrap();
        // The steps are done, the caller's transaction is still open.
        assert!(!conn.is_autocommit());
        assert_eq!(rows(&conn), 2);
        conn.execute_batch("ROLLBACK").unwrap();
        assert_eq!(rows(&conn), 1);
    }
}
