//! A list that waits to be printed: a report prints its counts first and its case lists
//! after them, but finds the cases while it counts. The first rows wait in memory; the rest
//! go to an anonymous temporary file (removed by the system when it is closed, even after a
//! crash; readable by its owner only) and are read back in order, so memory stays flat
//! whatever the list's length. A list only shown in part (a table, the HTML summary) keeps
//! what it shows and counts the rest.

use std::fs::File;
use std::io::{BufReader, BufWriter, Seek, SeekFrom, Write};

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// How much of a list is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every row (CSV and JSON print them all).
    All,
    /// The first rows only; the others are counted.
    First(usize),
}

/// Rows of `Keep::All` held in memory before the rest go to the file: enough that a
/// month of a small province never touches the disk.
const IN_MEMORY: usize = 1_000;

pub struct Spool<T> {
    keep: Keep,
    head: Vec<T>,
    file: Option<Spilled>,
    len: u64,
}

enum Spilled {
    Writing(BufWriter<File>),
    Sealed(File),
}

impl<T: Serialize + DeserializeOwned> Spool<T> {
    pub fn new(keep: Keep) -> Spool<T> {
        Spool {
            keep,
            head: Vec::new(),
            file: None,
            len: 0,
        }
    }

    pub fn push(&mut self, row: T) -> Result<()> {
        self.len += 1;
        let room = match self.keep {
            Keep::All => IN_MEMORY,
            Keep::First(n) => n,
        };
        if self.head.len() < room {
            self.head.push(row);
            return Ok(());
        }
        if self.keep != Keep::All {
            return Ok(());
        }
        let writer = match &mut self.file {
            Some(Spilled::Writing(w)) => w,
            Some(Spilled::Sealed(_)) => anyhow::bail!("a sealed list takes no more rows"),
            None => {
                let file = tempfile::tempfile().context("creating a temporary file for a list")?;
                self.file = Some(Spilled::Writing(BufWriter::with_capacity(1 << 16, file)));
                let Some(Spilled::Writing(w)) = &mut self.file else {
                    unreachable!("just set")
                };
                w
            }
        };
        serde_json::to_writer(&mut *writer, &row)?;
        writer.write_all(b"\n")?;
        Ok(())
    }

    /// Ends the writing: the list can now be read, as often as needed.
    pub fn seal(&mut self) -> Result<()> {
        if let Some(Spilled::Writing(w)) = self.file.take() {
            let file = w.into_inner().map_err(|e| e.into_error())?;
            self.file = Some(Spilled::Sealed(file));
        }
        Ok(())
    }

    /// How many rows were pushed (kept or not).
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The rows held in memory: the first ones, all of them for a short list.
    pub fn first(&self) -> &[T] {
        &self.head
    }

    /// Visits every row in order (a `Keep::All` list, sealed), stopping at the first error
    /// `visit` returns; the outer result is the list's own (reading its file).
    pub fn try_for_each<E>(
        &self,
        mut visit: impl FnMut(&T) -> Result<(), E>,
    ) -> Result<Result<(), E>> {
        anyhow::ensure!(
            self.keep == Keep::All || self.len as usize == self.head.len(),
            "only part of this list was kept"
        );
        for row in &self.head {
            if let Err(e) = visit(row) {
                return Ok(Err(e));
            }
        }
        match &self.file {
            None => {}
            Some(Spilled::Writing(_)) => anyhow::bail!("the list must be sealed to be read"),
            Some(Spilled::Sealed(file)) => {
                let mut file = file;
                file.seek(SeekFrom::Start(0))?;
                let rows =
                    serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, file))
                        .into_iter::<T>();
                for row in rows {
                    if let Err(e) = visit(&row?) {
                        return Ok(Err(e));
                    }
                }
            }
        }
        Ok(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(spool: &Spool<(u32, String)>) -> Vec<(u32, String)> {
        let mut seen = Vec::new();
        spool
            .try_for_each(|row| {
                seen.push(row.clone());
                Ok::<(), ()>(())
            })
            .unwrap()
            .unwrap();
        seen
    }

    #[test]
    fn a_long_list_reads_back_whole_and_in_order_twice() {
        let mut spool = Spool::new(Keep::All);
        let rows: Vec<(u32, String)> = (0..(IN_MEMORY as u32 * 3))
            .map(|i| (i, format!("dòng \"{i}\"\n")))
            .collect();
        for row in rows.clone() {
            spool.push(row).unwrap();
        }
        spool.seal().unwrap();
        assert_eq!(spool.len(), rows.len() as u64);
        assert_eq!(spool.first().len(), IN_MEMORY);
        assert_eq!(collect(&spool), rows);
        assert_eq!(collect(&spool), rows);
    }

    #[test]
    fn a_short_list_stays_in_memory_and_a_partial_one_only_counts() {
        let mut spool = Spool::new(Keep::All);
        spool.push((1, "a".to_owned())).unwrap();
        spool.seal().unwrap();
        assert!(spool.file.is_none());
        assert_eq!(collect(&spool), [(1, "a".to_owned())]);

        let mut shown = Spool::new(Keep::First(2));
        for i in 0..5 {
            shown.push((i, String::new())).unwrap();
        }
        shown.seal().unwrap();
        assert_eq!((shown.len(), shown.first().len()), (5, 2));
        assert!(shown.file.is_none());
        assert!(shown.try_for_each(|_| Ok::<(), ()>(())).is_err());
    }
}
