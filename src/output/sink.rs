//! Where a document goes: standard output, or a file written whole — to a temporary name
//! beside it, synced, then renamed — so that a half-written report never stands under the
//! name someone will attach and send.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::i18n::Lang;
use crate::i18n::Localized;

/// Standard output, or a file written whole (to a temporary name, then renamed).
pub enum Sink {
    /// Buffered: standard output is line-buffered, and a year's lists have many lines.
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File {
        file: std::io::BufWriter<std::fs::File>,
        tmp: PathBuf,
        path: PathBuf,
    },
}

impl Sink {
    pub fn open(path: Option<&PathBuf>) -> Result<Sink> {
        let Some(path) = path else {
            return Ok(Sink::Stdout(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )));
        };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".partial");
        let tmp = PathBuf::from(tmp);
        let file = std::fs::File::create(&tmp).map_err(|e| {
            Localized::new(
                format!("Không ghi được {}: {e}", path.display()),
                format!("cannot write {}: {e}", path.display()),
            )
        })?;
        Ok(Sink::File {
            file: std::io::BufWriter::new(file),
            tmp,
            path: path.clone(),
        })
    }

    /// Flushes standard output, or puts the file in place and says so on stderr.
    pub fn finish(self, lang: Lang) -> Result<()> {
        if let Sink::Stdout(mut out) = self {
            out.flush()?;
            return Ok(());
        }
        if let Sink::File { file, tmp, path } = self {
            file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&tmp, &path)?;
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
