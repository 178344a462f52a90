//! Where a document goes: standard output, or a file written whole — to a temporary name
//! beside it, synced, then renamed — so that a half-written report never stands under the
//! name someone will attach and send. Both names are private files (`storage::private`):
//! the temporary one is created new with mode 0600, never through a symbolic link planted
//! at `F.partial`, and a symbolic link at `F` itself is refused rather than replaced. What
//! `F` may replace is `storage::private::may_write`'s to say: never the database, its side
//! or key files, a database or a key file; another existing file only with `--force`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::i18n::Lang;
use crate::storage::diagnose;
use crate::storage::private::{self, Overwrite, Partial};

/// Standard output, or a file written whole (to a temporary name, then renamed).
pub enum Sink {
    /// Buffered: standard output is line-buffered, and a year's lists have many lines.
    Stdout(std::io::BufWriter<std::io::Stdout>),
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
        if !diagnose::folder_exists(path) {
            anyhow::bail!(diagnose::missing_folder(path, diagnose::Wanted::Output));
        }
        let (file, tmp) = Partial::create(&private::with_suffix(path, ".partial"))?;
        Ok(Sink::File {
            file: std::io::BufWriter::new(file),
            tmp,
            path: path.clone(),
            rule: rule.clone(),
        })
    }

    /// Flushes standard output, or puts the file in place and says so on stderr.
    pub fn finish(self, lang: Lang) -> Result<()> {
        if let Sink::Stdout(mut out) = self {
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
            file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            // Checked again at the last moment (a file may have come since); the rename
            // itself replaces a link planted since, and never writes through it.
            private::may_write(&path, &rule)?;
            std::fs::rename(tmp.path(), &path)?;
            tmp.keep();
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

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File { file, .. } => file.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File { file, .. } => file.flush(),
        }
    }
}
