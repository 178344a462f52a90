//! `man --out` as a use case: the manual pages `cli::shell` rendered, each written as its
//! own file into a folder made for them if need be. What it says is `output::shell`'s.

use std::path::Path;

use anyhow::{Context as _, Result};

/// Writes each page (its name without `.1`, its text) into `dir`, made first if missing;
/// returns how many.
pub fn write_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> Result<usize> {
    std::fs::create_dir_all(dir)
        .map_err(|e| crate::output::shell::cannot_create_folder(dir, &e))?;
    for (name, text) in pages {
        let file = dir.join(format!("{name}.1"));
        std::fs::write(&file, text).with_context(|| format!("writing {}", file.display()))?;
    }
    Ok(pages.len())
}
