//! Accounts bound to operating-system logins (docs/rules.md §7; SECURITY.md), played with
//! real users: in `peer` mode the login is the real user id's name, `--as` chooses only
//! among the accounts bound to it, and every refusal is logged with the login; the role ×
//! command matrix holds under real logins; a write refuses `--now`; the deployment of the
//! README (a service account owns the file, staff reach it as that account, `SUDO_USER`
//! names them) works and a staff login cannot reach the file around it.
//!
//! These tests create users with `useradd` and remove them when they end, passed or failed
//! (`OsUser`'s `Drop`), so they need root. Without root they fail when `CI` or
//! `PHANANH_REQUIRE_ROOT_TESTS` is set (`.ci/run` sets the latter), and otherwise say on
//! stderr that they did not run.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command as Std;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::common::*;

/// `useradd` and `userdel` lock the password database: one at a time in this process.
static PASSWD: Mutex<()> = Mutex::new(());
static NEXT_USER: AtomicU32 = AtomicU32::new(0);

/// True when the tests may create users; panics when they must run and cannot.
fn root() -> bool {
    if running_as_root() {
        return true;
    }
    let required = ["CI", "PHANANH_REQUIRE_ROOT_TESTS"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
    assert!(
        !required,
        "the login tests create operating-system users and must run as root here \
         (CI or PHANANH_REQUIRE_ROOT_TESTS is set)"
    );
    eprintln!("tests/cli/logins.rs: NOT RUN — creating operating-system users needs root");
    false
}

/// A real operating-system user made for one test; `userdel` runs when it is dropped,
/// including when the test panics.
struct OsUser {
    name: String,
}

impl OsUser {
    fn new(tag: &str) -> OsUser {
        let name = format!(
            "pa{tag}{}x{}",
            std::process::id(),
            NEXT_USER.fetch_add(1, Ordering::Relaxed)
        );
        assert!(name.len() <= 32, "{name} is too long for a login");
        let _lock = PASSWD.lock().unwrap_or_else(|e| e.into_inner());
        let out = Std::new("useradd")
            .args(["--no-create-home", "--shell", "/usr/sbin/nologin"])
            .args(["--groups", STAFF_GROUP, &name])
            .output()
            .expect("running useradd");
        assert!(
            out.status.success(),
            "useradd {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        OsUser { name }
    }

    fn uid(&self) -> u32 {
        let out = Std::new("id").args(["-u", &self.name]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for OsUser {
    fn drop(&mut self) {
        let _lock = PASSWD.lock().unwrap_or_else(|e| e.into_inner());
        let removed = Std::new("userdel").arg(&self.name).status();
        if !matches!(removed, Ok(s) if s.success()) {
            eprintln!("userdel {} failed: remove this user by hand", self.name);
        }
    }
}

/// The binary, where every user can run it: linked (or copied) into the test's directory,
/// since the build directory may sit under a home only its owner may enter.
fn binary_for_everyone(env: &TestEnv) -> PathBuf {
    let built = bin();
    let path = env.dir().join("phananh");
    if !path.exists() && std::fs::hard_link(&built, &path).is_err() {
        std::fs::copy(&built, &path).expect("copying the binary");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The group every user made here belongs to: the staff group that shares the file on a
/// machine without the service account. Debian's `users` group, so no group is left
/// behind.
const STAFF_GROUP: &str = "users";

/// Lets every user made here into the test's directory and database through the staff
/// group, as a file shared without the service account would be (the login checks, not
/// the file's mode, are what these tests are about). phananh takes away any access of
/// every other account (docs/rules.md §7), so the group is how a shared file is shared:
/// the folder is set-group-id, so the `-wal` and `-shm` files a user creates join it. The
/// key file is shared the same way, read-only.
fn open_to_everyone(env: &TestEnv) {
    let group = |path: &Path| {
        let status = Std::new("chgrp")
            .args([STAFF_GROUP, path.to_str().unwrap()])
            .status()
            .expect("running chgrp");
        assert!(status.success(), "chgrp {}", path.display());
    };
    group(env.dir());
    std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o2770)).unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = env.db().as_os_str().to_owned();
        name.push(suffix);
        let path = PathBuf::from(name);
        if path.exists() {
            group(&path);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o660)).unwrap();
        }
    }
    // The key of the identities, readable by the same group (never by every account).
    if env.key().exists() {
        group(&env.key());
        std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o640)).unwrap();
    }
}

/// `phananh ARGS` run by `user` (its real user id) with nothing in its environment but the
/// database and `vars`: no `PHANANH_NOW`, so the system clock.
fn run_by(env: &TestEnv, user: &OsUser, vars: &[(&str, &str)], args: &[&str]) -> Run {
    let binary = binary_for_everyone(env);
    let mut cmd = std::process::Command::new("runuser");
    cmd.env_clear()
        .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        .current_dir(env.dir())
        .args(["-u", &user.name, "--", "/usr/bin/env", "-i"])
        .arg(format!("PHANANH_DB={}", env.db().display()));
    for (key, value) in vars {
        cmd.arg(format!("{key}={value}"));
    }
    cmd.arg(binary);
    Run::of(cmd, args)
}

/// The system clock as events store it (RFC 3339 at +07:00, to the second).
fn wall_clock() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The latest event: (actor, action, login, at, recorded_at).
fn last_event(env: &TestEnv) -> (String, String, String, String, String) {
    env.read_only()
        .query_row(
            "SELECT actor, action, login, at, recorded_at FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap()
}

/// A validated database in which reports 5 and `other` are assigned to SXD, and `spare`
/// are accepted reports for the steps that change one.
struct Staged {
    env: TestEnv,
    other: String,
    spare: Vec<String>,
}

fn staged() -> Staged {
    let env = TestEnv::validated();
    let accepted: Vec<i64> =
        env.column("SELECT id FROM reports WHERE status = 'accepted' AND id <> 5 ORDER BY id");
    let other = accepted[0].to_string();
    for id in ["5", other.as_str()] {
        env.run_as(RECEPTION, &["classify", id, "--field", "GT"])
            .success();
        env.run_as(RECEPTION, &["assign", id, "--agency", "SXD"])
            .success();
    }
    // The steps below take the system clock; the template's events are pinned earlier.
    let now = chrono::Utc::now().to_rfc3339();
    assert!(
        now.as_str() > "2026-10-05",
        "the system clock ({now}) is before the test templates' pinned clock"
    );
    Staged {
        env,
        other,
        spare: accepted[1..8].iter().map(i64::to_string).collect(),
    }
}

/// Binds each account to its user, then turns `peer` mode on. The test's own login (root)
/// is bound to the admin and auditor accounts, so that the checks the test makes with
/// `TestEnv` (reads, `audit verify`) still run.
fn bind_and_switch(env: &TestEnv, bindings: &[(&str, &OsUser)]) {
    for (account, user) in bindings {
        env.run_as(
            ADMIN,
            // One login on two accounts is the test's case, confirmed as it must be.
            &[
                "staff",
                "edit",
                account,
                "--add-login",
                &user.name,
                "--yes",
                "--reason",
                "Một người giữ hai tài khoản",
            ],
        )
        .success();
    }
    for account in [ADMIN, AUDITOR] {
        env.run_as(
            ADMIN,
            &[
                "staff",
                "edit",
                account,
                "--add-login",
                "root",
                "--yes",
                "--reason",
                "Một người giữ hai tài khoản",
            ],
        )
        .success();
    }
    env.run_as(ADMIN, &["settings", "set", "auth.mode", "peer"])
        .success();
    open_to_everyone(env);
}

/// The role × command matrix of tests/cli/access.rs, one spawn per role and command, run
/// by real users each bound to one account and naming none (`--as` left out): what a role
/// may do succeeds and records the user's login; what it may not is refused and logged
/// under the account with the login.
#[test]
fn the_role_matrix_holds_under_real_logins() {
    if !root() {
        return;
    }
    let Staged { env, other, spare } = staged();
    let users = [
        ('a', ADMIN, OsUser::new("adm")),
        ('r', RECEPTION, OsUser::new("rec")),
        ('h', HANDLER_SXD, OsUser::new("han")),
        ('l', LEADER, OsUser::new("lea")),
        ('u', AUDITOR, OsUser::new("aud")),
    ];
    let bindings: Vec<(&str, &OsUser)> = users.iter().map(|(_, a, u)| (*a, u)).collect();
    bind_and_switch(&env, &bindings);
    let started = wall_clock();
    for (index, (letter, account, user)) in users.iter().enumerate() {
        let reply_to = if *letter == 'a' { other.as_str() } else { "5" };
        let field = format!("Z{letter}");
        let cases: [(&str, Vec<&str>); 5] = [
            ("arhlu", vec!["list", "--limit", "2"]),
            ("ar", vec!["classify", &spare[index], "--field", "GT"]),
            ("ah", vec!["reply", reply_to, "--text", "Đã xử lý xong."]),
            ("arlu", vec!["report", "monthly", "--period", "2026-10"]),
            ("a", vec!["field", "add", &field, "--name", "Thử"]),
        ];
        for (allowed, args) in cases {
            let before = env.fingerprint();
            let run = run_by(&env, user, &[], &args);
            if allowed.contains(*letter) {
                assert_eq!(run.code, Some(0), "{account} should be allowed\n{run}");
                let refusals = before.0["events"]
                    .rows
                    .iter()
                    .filter(|r| r.contains(&"'refused'".to_owned()))
                    .count();
                assert_eq!(
                    env.count("SELECT count(*) FROM events WHERE action = 'refused'") as usize,
                    refusals,
                    "{account}: {args:?} logged a refusal"
                );
                if before.rows("events") < env.count("SELECT count(*) FROM events") as usize {
                    let (actor, _, login, at, recorded_at) = last_event(&env);
                    assert_eq!(
                        (actor.as_str(), login.as_str()),
                        (*account, user.name.as_str())
                    );
                    // Timed by the system clock: at the command's start, written after it.
                    assert!(
                        started.as_str() <= at.as_str() && at <= recorded_at,
                        "{account}: {args:?} at {at}, recorded at {recorded_at}, test began {started}"
                    );
                }
            } else {
                run.failure().one_line_error().stderr_has("Bị từ chối");
                let refusal = env.assert_only_refusal(&before, account);
                assert_eq!(refusal["login"], format!("'{}'", user.name), "{args:?}");
            }
        }
    }
    assert_eq!(env.status_of("5"), "replied");
    assert_eq!(env.status_of(&other), "replied");
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// `--as` may name only an account bound to the caller's login; `$USER`, `$LOGNAME` and
/// `SUDO_USER` set by the caller change nothing; an unbound login and an ambiguous one are
/// refused; unbinding takes effect at once; an admin cannot unbind the login they act
/// through.
#[test]
fn as_names_only_an_account_bound_to_the_real_login() {
    if !root() {
        return;
    }
    let Staged { env, .. } = staged();
    let admin = OsUser::new("adm");
    let handler = OsUser::new("han");
    let both = OsUser::new("two");
    let stranger = OsUser::new("nob");
    bind_and_switch(
        &env,
        &[
            (ADMIN, &admin),
            (HANDLER_SXD, &handler),
            (LEADER, &both),
            (AUDITOR, &both),
        ],
    );

    // The handler's user claims the admin account, by --as and by every variable a
    // caller can set.
    let spoof = [
        ("USER", admin.name.as_str()),
        ("LOGNAME", admin.name.as_str()),
        ("SUDO_USER", admin.name.as_str()),
        ("PHANANH_USER", ADMIN),
    ];
    for vars in [&[][..], &spoof[..]] {
        let before = env.fingerprint();
        run_by(
            &env,
            &handler,
            vars,
            &["--as", ADMIN, "field", "add", "ZZ", "--name", "Giả mạo"],
        )
        .failure()
        .one_line_error()
        .stderr_has("Bị từ chối")
        .stderr_has(&handler.name);
        // Filed under the handler's own account, the admin's name claimed in the payload.
        let refusal = env.assert_only_refusal(&before, HANDLER_SXD);
        assert_eq!(refusal["login"], format!("'{}'", handler.name));
        assert!(
            refusal["payload"].contains("\"claimed_account\":\"admin\""),
            "{refusal:?}"
        );
    }
    // English on request.
    run_by(
        &env,
        &handler,
        &[],
        &["--lang", "en", "--as", ADMIN, "list"],
    )
    .failure()
    .stderr_has(&format!(
        "the login {} is not bound to the account admin",
        handler.name
    ));
    // Its way to a colleague's account is its own account or the colleague's own login:
    // binding the handler's login to the clerk's account, as it used to advise without a
    // word, would log two people's acts under one login.
    run_by(
        &env,
        &handler,
        &[],
        &["--lang", "en", "--as", RECEPTION, "list"],
    )
    .failure()
    .stderr_has(&format!(
        "the login {} is not bound to the account {RECEPTION} but to {HANDLER_SXD}: act with `--as {HANDLER_SXD}`",
        handler.name
    ))
    .stderr_has(&format!("Only if {RECEPTION} is {}'s own too", handler.name));

    // A login bound to no account is refused, named or not.
    for args in [&["list"][..], &["--as", RECEPTION, "list"]] {
        let before = env.fingerprint();
        run_by(&env, &stranger, &[], args)
            .failure()
            .one_line_error()
            .stderr_has(&stranger.name);
        // Filed under the login itself, not the account it named.
        let refusal = env.assert_only_refusal(&before, &format!("@{}", stranger.name));
        assert_eq!(refusal["login"], format!("'{}'", stranger.name));
    }

    // Two accounts on one login: choose with --as.
    run_by(&env, &both, &[], &["list"])
        .failure()
        .stderr_has(LEADER)
        .stderr_has(AUDITOR);
    run_by(
        &env,
        &both,
        &[],
        &["--as", AUDITOR, "score", "--year", "2026"],
    )
    .success();

    // Unbinding: the admin's user removes the leader's binding; the login now acts only as
    // the auditor, which it then may without --as.
    run_by(
        &env,
        &admin,
        &[],
        &["staff", "edit", LEADER, "--remove-login", &both.name],
    )
    .success();
    let (actor, action, login, ..) = last_event(&env);
    assert_eq!(
        (actor.as_str(), action.as_str(), login.as_str()),
        (ADMIN, "login_remove", admin.name.as_str())
    );
    run_by(&env, &both, &[], &["--as", LEADER, "list"]).failure();
    run_by(&env, &both, &[], &["list", "--limit", "1"]).success();
    // The admin cannot cut the branch they sit on.
    run_by(
        &env,
        &admin,
        &[],
        &["staff", "edit", ADMIN, "--remove-login", &admin.name],
    )
    .failure()
    .one_line_error();
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM staff_logins WHERE username = 'admin' AND login = '{}'",
            admin.name
        )),
        1
    );
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

/// In `peer` mode a real user's write refuses `--now` and `PHANANH_NOW`; reads keep them;
/// a reveal "as of" another moment is recorded at the system clock.
#[test]
fn real_users_cannot_pin_the_clock_of_a_write() {
    if !root() {
        return;
    }
    let Staged { env, spare, .. } = staged();
    let reception = OsUser::new("rec");
    bind_and_switch(&env, &[(RECEPTION, &reception)]);
    let before = env.fingerprint();
    let backdate = [("PHANANH_NOW", "2026-10-05T09:00:00+07:00")];
    run_by(
        &env,
        &reception,
        &backdate,
        &["classify", &spare[0], "--field", "GT"],
    )
    .failure()
    .one_line_error()
    .stderr_has("PHANANH_NOW");
    run_by(
        &env,
        &reception,
        &[],
        &[
            "--now",
            "2026-10-05T09:00:00+07:00",
            "assign",
            "5",
            "--agency",
            "PCCM",
        ],
    )
    .failure();
    run_by(&env, &reception, &backdate, &["sweep"]).failure();
    let file = many_reports_csv(&env, "late.csv", "PIN", 3);
    run_by(
        &env,
        &reception,
        &backdate,
        &["ingest", "--validate", file.to_str().unwrap()],
    )
    .failure()
    .stderr_has("PHANANH_NOW");
    env.assert_unchanged(&before);
    run_by(
        &env,
        &reception,
        &backdate,
        &["report", "monthly", "--period", "2026-10"],
    )
    .success();
    run_by(&env, &reception, &backdate, &["sweep", "--dry-run"]).success();
    env.assert_unchanged(&before);
    let started = chrono::Utc::now().timestamp();
    run_by(
        &env,
        &reception,
        &backdate,
        &["show", "5", "--reveal", "--reason", "gọi lại xác minh"],
    )
    .success();
    let (actor, action, login, at, recorded_at) = last_event(&env);
    assert_eq!(
        (actor.as_str(), action.as_str(), login.as_str()),
        (RECEPTION, "reveal", reception.name.as_str())
    );
    assert_eq!(at, recorded_at, "the reveal is timed by the system clock");
    let at = chrono::DateTime::parse_from_rfc3339(&at)
        .unwrap()
        .timestamp();
    assert!((started..=chrono::Utc::now().timestamp()).contains(&at));
}

/// The deployment of the README: a service account owns the directory and the file (0600);
/// staff run phananh as that account (sudo sets `SUDO_USER`), cron runs as it. A staff
/// user cannot reach the file directly, and `SUDO_USER` names the person only when the
/// service account (or root) runs phananh.
#[test]
fn the_service_account_deployment() {
    if !root() {
        return;
    }
    let Staged { env, spare, .. } = staged();
    let service = OsUser::new("svc");
    let reception = OsUser::new("rec");
    let handler = OsUser::new("han");
    env.run_as(
        ADMIN,
        &[
            "staff",
            "add",
            "cron.tiepnhan",
            "--name",
            "Tác vụ định kỳ",
            "--role",
            "reception",
            "--login",
            &service.name,
        ],
    )
    .success();
    bind_and_switch(&env, &[(RECEPTION, &reception), (HANDLER_SXD, &handler)]);
    let binary = binary_for_everyone(&env);
    // The service account owns everything; nobody else may enter.
    let uid = service.uid();
    for entry in std::fs::read_dir(env.dir()).unwrap() {
        let path = entry.unwrap().path();
        if path != binary {
            chown(&path, uid);
        }
    }
    chown(env.dir(), uid);
    std::fs::set_permissions(env.dir(), std::fs::Permissions::from_mode(0o711)).unwrap();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();

    // A staff user on their own cannot open the file.
    let before = env.fingerprint();
    run_by(&env, &reception, &[], &["list"]).failure();
    env.assert_unchanged(&before);
    // Through the service account, with sudo's SUDO_USER: the person's account.
    let as_reception = [("SUDO_USER", reception.name.as_str())];
    run_by(&env, &service, &as_reception, &["list", "--limit", "1"]).success();
    run_by(&env, &service, &as_reception, &["sweep"]).success();
    let (actor, _, login, ..) = last_event(&env);
    assert_eq!(
        (actor.as_str(), login.as_str()),
        (RECEPTION, reception.name.as_str())
    );
    // Cron: the service account itself, bound to its reception account.
    run_by(&env, &service, &[], &["sweep"]).success();
    run_by(
        &env,
        &service,
        &[],
        &["classify", &spare[0], "--field", "GT"],
    )
    .success();
    let (actor, _, login, ..) = last_event(&env);
    assert_eq!(
        (actor.as_str(), login.as_str()),
        ("cron.tiepnhan", service.name.as_str())
    );
    // The handler, with sudo's variable set by hand, still cannot reach the file.
    let before = env.fingerprint();
    run_by(
        &env,
        &handler,
        &[("SUDO_USER", reception.name.as_str())],
        &["--as", RECEPTION, "list"],
    )
    .failure();
    env.assert_unchanged(&before);
    env.run_as(AUDITOR, &["audit", "verify"]).success();
}

fn chown(path: &Path, uid: u32) {
    let status = Std::new("chown")
        .arg(uid.to_string())
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "chown {}", path.display());
}

/// `init` run by a real user: a `peer` database that user owns (0600), its first admin
/// bound to that user's login, and nobody else let in.
#[test]
fn init_by_a_real_user_binds_the_first_admin_to_them() {
    if !root() {
        return;
    }
    let env = TestEnv::empty();
    let owner = OsUser::new("own");
    let other = OsUser::new("oth");
    open_to_everyone(&env);
    run_by(&env, &owner, &[], &["init"])
        .success()
        .stderr_has(&owner.name);
    let meta = std::fs::metadata(env.db()).unwrap();
    use std::os::unix::fs::MetadataExt;
    assert_eq!((meta.uid(), meta.mode() & 0o777), (owner.uid(), 0o600));
    assert_eq!(
        env.column::<String>("SELECT username || ' ' || login FROM staff_logins"),
        [format!("admin {}", owner.name)]
    );
    run_by(
        &env,
        &owner,
        &[],
        &["field", "add", "GT", "--name", "Giao thông"],
    )
    .success();
    let (actor, action, login, ..) = last_event(&env);
    assert_eq!(
        (actor.as_str(), action.as_str(), login.as_str()),
        (ADMIN, "field_add", owner.name.as_str())
    );
    run_by(&env, &other, &[], &["--as", ADMIN, "field", "list"]).failure();
    assert_eq!(
        env.count(&format!(
            "SELECT count(*) FROM events WHERE login IS NOT '{}'",
            owner.name
        )),
        0,
        "every event records the owner's login"
    );
}

/// The restore drill on a spare machine (guide §7): the restored file keeps the server's
/// `peer` mode and logins, so root there is bound to no account, and the `staff edit` the
/// refusal used to name needs an admin nobody on that machine can act as. The refusal
/// gives root the way in the guide gives, the admin's login in `SUDO_USER`, and that way
/// works.
#[test]
fn root_on_a_spare_machine_is_told_how_to_act_for_the_servers_admin() {
    if !root() {
        return;
    }
    let env = TestEnv::empty();
    let as_root = |vars: &[(&str, &str)], args: &[&str]| {
        let mut cmd = env.command();
        cmd.env_remove("PHANANH_NOW").env_remove("SUDO_USER");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        Run::of(cmd, args)
    };
    // The server's file, made by its admin `hoa` (root may name the person).
    as_root(&[("SUDO_USER", "hoa")], &["init"]).success();
    as_root(&[], &["--as", ADMIN, "staff", "list"])
        .failure()
        .stderr_has("root không được gắn với tài khoản admin")
        .stderr_has("SUDO_USER=TÊN");
    as_root(&[], &["--lang", "en", "--as", ADMIN, "staff", "list"])
        .failure()
        .stderr_has("SUDO_USER=LOGIN");
    as_root(&[("SUDO_USER", "hoa")], &["--as", ADMIN, "staff", "list"]).success();
}

/// On the server the service account writes every `--out` file, so `pa score --out
/// diem-2026.xlsx` in a person's own home failed with "không có quyền ghi vào đây", as if
/// the person could not write there (find-guide G11). The refusal names the account that
/// writes and gives the ways that work: standard output, or the admin's hand-over.
#[test]
fn an_out_file_the_writing_account_may_not_make_names_that_account() {
    if !root() {
        return;
    }
    let env = TestEnv::seeded();
    let user = OsUser::new("out");
    open_to_everyone(&env);
    // A folder its owner (root) may write and the user may enter but not write, as a
    // person's home is to the service account.
    let shut = env.dir().join("shut");
    std::fs::create_dir(&shut).unwrap();
    std::fs::set_permissions(&shut, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = shut.join("diem-2026.xlsx");
    let args = [
        "--as",
        AUDITOR,
        "score",
        "--year",
        "2026",
        "--out",
        out.to_str().unwrap(),
    ];
    run_by(&env, &user, &[], &args)
        .code(1)
        .stderr_has(&format!(
            "tài khoản hệ điều hành {}, tài khoản ghi tệp",
            user.name
        ))
        .stderr_has("qua `pa` thì tệp do tài khoản dịch vụ ghi");
    assert!(!out.exists());
    run_by(&env, &user, &[("PHANANH_LANG", "en")], &args)
        .code(1)
        .stderr_has(&format!(
            "the operating-system account {}, which writes",
            user.name
        ));
}
