//! The operating-system login running phananh (docs/rules.md §7): the name of the real user
//! id, never `$USER` or `$LOGNAME`, which the caller sets. Under `sudo` the real user is
//! the account sudo switched to; when that is root or the owner of the database, the
//! person who ran sudo is `SUDO_USER`, which only sudo (or that account, which may edit the
//! file anyway) can set. Which accounts a login may act as is `domain::identity`'s.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nix::unistd::{Uid, User, getuid};

/// The login of the process that runs the command, for the database at `db`.
pub fn caller(db: &Path) -> String {
    let uid = getuid();
    let sudo_user = std::env::var("SUDO_USER").ok().filter(|u| !u.is_empty());
    match sudo_user {
        Some(person) if uid.is_root() || owner(db) == Some(uid) => person,
        _ => name_of(uid),
    }
}

/// Whether the command line came through sudo (`SUDO_USER` set): sudo logs every argument
/// it runs to the system's auth log, whichever account phananh then runs as.
pub fn through_sudo() -> bool {
    std::env::var_os("SUDO_USER").is_some_and(|user| !user.is_empty())
}

/// Whether phananh runs for another person than the account it runs as: the service
/// account's deployment, where sudo names the person in `SUDO_USER`. Files written then are
/// the service account's, beside its own (cron's listing, the checkpoints): the person may
/// not replace an existing one (`--force`).
pub fn for_another_person(db: &Path) -> bool {
    caller(db) != name_of(getuid())
}

/// Whether phananh runs through sudo for another person as the owner of the database file
/// itself: the service account under its rule, which pins `--db`, where whatever is written
/// is written as that account beside the database. Only an existing file counts, not the
/// folder one would be made in: root installing the manual pages from a folder of its own
/// runs beside nobody's database.
pub fn as_the_owner_for_another(db: &Path) -> bool {
    let uid = getuid();
    let owns = std::fs::metadata(db).is_ok_and(|m| m.uid() == uid.as_raw());
    std::env::var("SUDO_USER")
        .ok()
        .filter(|u| !u.is_empty())
        .is_some_and(|person| owns && person != name_of(uid))
}

/// The person phananh runs for through sudo (`for_another_person`), whose rights a file
/// they name as input must be read with (`storage::private::open_input`): their user id
/// is `SUDO_UID`, which sudo sets beside `SUDO_USER` and is honoured with it, else the id
/// the system gives their login. None when phananh runs for the account it runs as, or
/// for root, who may read any file anyway.
pub fn person(db: &Path) -> Option<crate::storage::private::Person> {
    let login = caller(db);
    if login == name_of(getuid()) {
        return None;
    }
    let user = User::from_name(&login).ok().flatten();
    let uid = std::env::var("SUDO_UID")
        .ok()
        .and_then(|uid| uid.parse::<u32>().ok())
        .or_else(|| user.as_ref().map(|u| u.uid.as_raw()));
    if uid == Some(0) {
        return None;
    }
    let groups = user
        .and_then(|u| {
            let name = std::ffi::CString::new(u.name).ok()?;
            nix::unistd::getgrouplist(&name, u.gid).ok()
        })
        .unwrap_or_default()
        .into_iter()
        .map(nix::unistd::Gid::as_raw)
        .collect();
    Some(crate::storage::private::Person { login, uid, groups })
}

/// The login that owns the database (the service account, in its deployment), None when
/// it cannot be told.
pub fn owner_login(db: &Path) -> Option<String> {
    owner(db).map(name_of)
}

/// The name the password database gives a user id; `uid:N` for one it does not know (a
/// container's user with no entry), so that it can still be recorded and bound.
fn name_of(uid: Uid) -> String {
    match User::from_uid(uid) {
        Ok(Some(user)) => user.name,
        _ => format!("uid:{uid}"),
    }
}

/// The owner of the database file, or of the directory it will be created in.
fn owner(db: &Path) -> Option<Uid> {
    let meta = std::fs::metadata(db).or_else(|_| {
        let parent = match db.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        std::fs::metadata(parent)
    });
    meta.ok().map(|m| Uid::from_raw(m.uid()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_id_without_a_name_is_recorded_by_number() {
        assert_eq!(name_of(Uid::from_raw(3_999_999_999)), "uid:3999999999");
        assert_eq!(name_of(Uid::from_raw(0)), "root");
    }

    #[test]
    fn a_new_database_belongs_to_the_owner_of_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(owner(&dir.path().join("x.sqlite")), Some(getuid()));
        // A bare file name is created in the working directory.
        let here = std::fs::metadata(".").map(|m| Uid::from_raw(m.uid())).ok();
        assert_eq!(owner(Path::new("no-such-file.sqlite")), here);
    }
}
