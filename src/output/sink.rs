//! Where a document goes: standard output, or a file written whole — to a temporary name
//! beside it, synced, then renamed — so that a half-written report never stands under the
//! name someone will attach and send. Both names are private files (`storage::private`):
//! the temporary one is created new with mode 0600, never through a symbolic link planted
//! at `F.partial`, and a symbolic link at `F` itself is refused rather than replaced. What
//! `F` may replace is `storage::private::may_write`'s to say: never the database, its side
//! or key files, a database or a key file; another existing file only with `--force`.

use std::io::{Seek, Write};
use std::path::PathBuf;

use anyhow::Result;

use crate::i18n::Lang;
use crate::storage::diagnose::{self, WriteFailed};
use crate::storage::private::{self, Overwrite, Partial};

/// Standard output, or a file written whole (to a temporary name, then renamed).
pub enum Sink {
    /// Buffered: standard output is line-buffered, and a year's lists have many lines.
    Stdout(std::io::BufWriter<std::io::Stdout>),
    /// Standard output written only once the document is whole: held meanwhile in an
    /// anonymous temporary file (readable by its owner only, gone when closed, even after a
    /// crash), so that memory stays flat for a feed of any size. An export stopped midway
    /// (an identity that no longer opens) left a truncated JSON array on standard output,
    /// which `> requests.json` kept as if complete.
    Held(std::io::BufWriter<std::fs::File>),
    File {
        file: std::io::BufWriter<std::fs::File>,
        /// Removed if the document is never finished.
        tmp: Partial,
        path: PathBuf,
        rule: Overwrite,
    },
}

impl Sink {
    pub fn open(path: Option<&PathBuf>, rule: &Overwrite) -> Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )));
        };
        private::may_write(path, rule)?;
        // Said of the file the user typed: creating the temporary one would fail with the
        // system's English words about a `.partial` name nobody typed.
        diagnose::output_folder_exists(path)?;
        let (file, tmp) = Partial::beside(path, ".partial")?;
        Ok(Sink::File {
            file: std::io::BufWriter::new(file),
            tmp,
            path: path.clone(),
            rule: rule.clone(),
        })
    }

    /// As `open`, but standard output gets nothing until `finish`: a public document that
    /// stops with an error leaves no part of itself behind, on standard output or under
    /// the file's name.
    pub fn open_whole(path: Option<&PathBuf>, rule: &Overwrite) -> Result<Sink> {
        if path.is_some() {
            return Sink::open(path, rule);
        }
        let file = tempfile::tempfile().map_err(|e| {
            anyhow::Error::new(e).context("creating a temporary file for the document")
        })?;
        Ok(Sink::Held(std::io::BufWriter::with_capacity(1 << 16, file)))
    }

    /// Flushes standard output (after copying to it what was held), or puts the file in
    /// place and says so on stderr, unless `quiet`: cron mails whatever a job prints, and a
    /// monthly report written on time is no news.
    pub fn finish(self, lang: Lang, quiet: bool) -> Result<()> {
        if let Sink::Stdout(mut out) = self {
            out.flush()?;
            return Ok(());
        }
        if let Sink::Held(held) = self {
            let mut file = held.into_inner().map_err(|e| e.into_error())?;
            file.seek(std::io::SeekFrom::Start(0))?;
            let mut out = std::io::stdout().lock();
            std::io::copy(&mut file, &mut out)?;
            out.flush()?;
            return Ok(());
        }
        if let Sink::File {
            file,
            mut tmp,
            path,
            rule,
        } = self
        {
            let failed = |e| WriteFailed::wrap(&path, e);
            file.into_inner()
                .map_err(|e| failed(e.into_error()))?
                .sync_all()
                .map_err(failed)?;
            // Checked again at the last moment (a file may have come since); the rename
            // itself replaces a link planted since, and never writes through it.
            private::may_write(&path, &rule)?;
            std::fs::rename(tmp.path(), &path).map_err(failed)?;
            tmp.keep();
            if quiet {
                return Ok(());
            }
            eprintln!(
                "{}",
                lang.pick(
                    &format!("Đã ghi {}.", path.display()),
                    &format!("wrote {}", path.display()),
                )
            );
        }
        Ok(())
    }
}

/// A failed write to a named file carries the file's name ([`WriteFailed`]): a full disk is
/// then said of that file (`storage::diagnose`), not of the database.
impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::Held(file) => file.write(buf),
            Sink::File { file, path, .. } => {
                file.write(buf).map_err(|e| WriteFailed::wrap(path, e))
            }
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::Held(file) => file.flush(),
            Sink::File { file, path, .. } => file.flush().map_err(|e| WriteFailed::wrap(path, e)),
        }
    }
}
