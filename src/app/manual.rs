//! `man --out` as a use case: the manual pages `cli::shell` rendered, each written as its
//! own file into a folder made for them if need be. What it says is `output::shell`'s.

use std::path::Path;

use anyhow::{Context as _, Result};

/// The database `man` is run beside (`--db`, default or given) and its key file
/// (`--key-file`, default beside it): the files its `--out` may not name.
pub struct Beside<'a> {
    pub db: &'a Path,
    pub key_file: Option<&'a Path>,
}

/// Writes each page (its name without `.1`, its text) into `dir`, made first if missing;
/// returns how many. Refused before anything is made when `dir` names the database, a side
/// file or a key file (`storage::private::names_kept`), as every `--out` is: a folder made
/// at `DB-wal` stopped every command, cron's sweep included, until root removed it. And
/// refused outright through sudo for another person as the owner of the database file (the
/// service account's rule): manual pages are written once at install time, by root, and
/// the rule gave any member of the staff group, bound to no account, a folder made as the
/// service account at any name it may write, logged nowhere (SECURITY.md, "Private files").
pub fn write_pages(dir: &Path, pages: &[(String, Vec<u8>)], beside: &Beside<'_>) -> Result<usize> {
    if super::login::as_the_owner_for_another(beside.db) {
        anyhow::bail!(crate::output::shell::not_for_another(dir));
    }
    let key = beside.key_file.map_or_else(
        || crate::storage::private::with_suffix(beside.db, ".key"),
        Path::to_path_buf,
    );
    let kept = super::kept_files(beside.db, &key);
    if crate::storage::private::names_kept(dir, &kept) {
        return Err(crate::storage::private::Refused::OutIsKept(dir.to_owned()).into());
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| crate::output::shell::cannot_create_folder(dir, &e))?;
    for (name, text) in pages {
        let file = dir.join(format!("{name}.1"));
        std::fs::write(&file, text).with_context(|| format!("writing {}", file.display()))?;
    }
    Ok(pages.len())
}
