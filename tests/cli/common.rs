//! The test environment (after jj's `common/test_environment.rs`): each test gets a temp
//! directory with its own database, and runs the real `phananh` binary with a cleared
//! environment, `PHANANH_DB` pointing at that database and `PHANANH_NOW` pinned. On a failed
//! expectation the command line, stdout and stderr are printed (as xsv's `workdir.rs` does).
//!
//! Databases that many tests start from (reference data imported; reports ingested;
//! reports validated) are built once per test binary run and copied into each test's
//! directory. This module owns no assertion about the product beyond what building those
//! templates needs.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use tempfile::TempDir;

/// The `phananh` executable cargo built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_phananh"))
}

/// A change of the limits that takes back most of a province's reminders and keeps its
/// passed deadlines (the dispatch desk given 720 working hours): the admin's `settings set`
/// arguments, for the tests of the long lists such a change writes.
pub const LONGER_DISPATCH: [&str; 7] = [
    "settings",
    "set",
    "deadline.dispatch.working_hours",
    "720",
    "--yes",
    "--reason",
    "Quyết định sửa đổi số 99",
];

/// The default pinned clock: Monday 5 October 2026, 08:00 in Cà Mau.
pub const NOW: &str = "2026-10-05T08:00:00+07:00";

/// Accounts of examples/staff.csv.
pub const ADMIN: &str = "admin";
pub const RECEPTION: &str = "tiepnhan.lan";
/// Handler of SXD (Sở Xây dựng).
pub const HANDLER_SXD: &str = "xuly.sxd.hung";
/// Handler of PCCM (Công ty Điện lực Cà Mau).
pub const HANDLER_PCCM: &str = "xuly.pccm.tai";
/// Handler of the commune 32002 (UBND phường An Xuyên).
pub const HANDLER_COMMUNE: &str = "xuly.anxuyen.vy";
pub const LEADER: &str = "lanhdao.minh";
pub const AUDITOR: &str = "noivu.thao";

/// Number of rows in each example file.
pub const EXAMPLE_FIELDS: usize = 17;
pub const EXAMPLE_AGENCIES: usize = 91;
/// Of them, the district-level committees abolished on 1 July 2025 (`until` 2025-06-30):
/// a score of a period after that leaves them out.
pub const EXAMPLE_DISTRICTS: usize = 9;
pub const EXAMPLE_STAFF: usize = 31;
pub const EXAMPLE_REPORTS: usize = 340;

/// The tables a fingerprint covers.
pub const TABLES: [&str; 11] = [
    "reports",
    "events",
    "staff",
    "staff_logins",
    "fields",
    "agencies",
    "settings",
    "clocks",
    "calendar_days",
    "routes",
    "service_codes",
];

/// A file under `examples/`.
pub fn example(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(relative)
}

/// The second to the fifth report of examples/reports.csv, each complete, on lines 2 to 5
/// of a CSV text, the first of them carrying `phones` (as Excel leaves a phone that lost
/// its leading 0, say) in place of their own.
pub fn examples_with_phones(phones: &[&str]) -> String {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let phone = headers.iter().position(|h| h == "reporter_phone").unwrap();
    let mut writer = csv::Writer::from_writer(vec![]);
    writer.write_record(&headers).unwrap();
    for (i, record) in reader.records().skip(1).take(4).enumerate() {
        let record = record.unwrap();
        let cells: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(c, cell)| match phones.get(i) {
                Some(number) if c == phone => number,
                _ => cell,
            })
            .collect();
        writer.write_record(&cells).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

pub fn example_str(relative: &str) -> String {
    example(relative).display().to_string()
}

/// How far a template database has been brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// `init`, then fields, agencies and staff imported by the admin.
    Seeded,
    /// Seeded, then examples/reports.csv ingested by reception.
    Ingested,
    /// Ingested, then `validate` run by reception (306 accepted, 34 rejected).
    Validated,
}

/// The template databases, as bytes: built once per test binary run, then written into
/// each test's own directory (nothing is left behind in the temp dir).
struct Templates {
    seeded: Vec<u8>,
    ingested: Vec<u8>,
    validated: Vec<u8>,
}

static TEMPLATES: OnceLock<Templates> = OnceLock::new();

/// The key files of the databases `snapshot` copied, by key id: a copy needs its key.
fn keys() -> &'static std::sync::Mutex<BTreeMap<String, Vec<u8>>> {
    static KEYS: OnceLock<std::sync::Mutex<BTreeMap<String, Vec<u8>>>> = OnceLock::new();
    KEYS.get_or_init(Default::default)
}

fn templates() -> &'static Templates {
    TEMPLATES.get_or_init(|| {
        let env = TestEnv::empty();
        env.init_with_examples();
        let seeded = env.snapshot();
        env.run_as(RECEPTION, &["ingest", &example_str("reports.csv")])
            .success();
        let ingested = env.snapshot();
        env.run_as(RECEPTION, &["validate"]).success();
        let validated = env.snapshot();
        Templates {
            seeded,
            ingested,
            validated,
        }
    })
}

/// A database some tests of a module start from, built the same way for each of them: the
/// first test that asks runs `build` (under a `OnceLock`; the others wait), and every test
/// gets its own copy of the bytes, its key beside it, and the clock `build` left pinned. The
/// commands `build` runs and the expectations it checks then run once per test binary run
/// instead of once per test; what each test runs and checks after is its own.
pub struct Template<T = ()>(OnceLock<(Vec<u8>, String, T)>);

impl<T: Clone> Template<T> {
    pub const fn new() -> Template<T> {
        Template(OnceLock::new())
    }

    /// A fresh world holding what `build` left (its database, key and clock; not the other
    /// files of its directory), and the value `build` returned beside it (a report's number).
    pub fn copy_with(&self, build: impl FnOnce() -> (TestEnv, T)) -> (TestEnv, T) {
        let (bytes, now, value) = self.0.get_or_init(|| {
            let (env, value) = build();
            (env.snapshot(), env.now.clone(), value)
        });
        let mut env = TestEnv::from_bytes(bytes);
        env.now.clone_from(now);
        (env, value.clone())
    }
}

impl Template {
    /// A fresh world holding what `build` left (its database, key and clock; not the other
    /// files of its directory).
    pub fn copy(&self, build: impl FnOnce() -> TestEnv) -> TestEnv {
        self.copy_with(|| (build(), ())).0
    }
}

/// One test's world: a temp directory, a database path in it, a pinned clock.
pub struct TestEnv {
    dir: TempDir,
    db: PathBuf,
    now: String,
}

impl TestEnv {
    /// A temp directory with no database yet (the path is `phananh.sqlite` inside it).
    pub fn empty() -> TestEnv {
        let dir = tempfile::Builder::new()
            .prefix("phananh-test-")
            .tempdir()
            .expect("a temp dir");
        let db = dir.path().join("phananh.sqlite");
        TestEnv {
            dir,
            db,
            now: NOW.to_owned(),
        }
    }

    fn from_template(stage: Stage) -> TestEnv {
        let templates = templates();
        let bytes = match stage {
            Stage::Seeded => &templates.seeded,
            Stage::Ingested => &templates.ingested,
            Stage::Validated => &templates.validated,
        };
        TestEnv::from_bytes(bytes)
    }

    /// A fresh world whose database is a copy of `bytes` (a `snapshot` of another), with
    /// the key file of its reporters' identities beside it, as the world it came from had.
    pub fn from_bytes(bytes: &[u8]) -> TestEnv {
        let env = TestEnv::empty();
        std::fs::write(&env.db, bytes).expect("writing the template database");
        // As phananh makes its databases and backups: readable by their owner only (a
        // looser file is narrowed, and said so, on first use).
        std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600))
            .expect("making the template database private");
        let key_id: Option<String> =
            Connection::open_with_flags(&env.db, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .ok()
                .and_then(|c| {
                    c.query_row("SELECT key_id FROM vault", [], |r| r.get(0))
                        .ok()
                });
        let known = key_id.and_then(|id| keys().lock().unwrap().get(&id).cloned());
        if let Some(text) = known {
            std::fs::write(env.key(), text).expect("writing the key file");
            std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o600))
                .expect("making the key file private");
        }
        env
    }

    /// Every report's id, reporter's name and phone in clear, in id order: opened with the
    /// key beside the database by the test itself (the clear columns are empty since
    /// identities are encrypted; an erased identity reads as two empty strings).
    pub fn identities(&self) -> Vec<(i64, String, String)> {
        identities_of(&self.db, &self.key())
    }

    /// The name and phone of report `id`'s reporter, as [`TestEnv::identities`] opens them.
    pub fn identity(&self, id: i64) -> (String, String) {
        let (_, name, phone) = self
            .identities()
            .into_iter()
            .find(|(found, ..)| *found == id)
            .expect("the report's identity");
        (name, phone)
    }

    /// The key file of the database's identities (the default: the database's path plus
    /// `.key`).
    pub fn key(&self) -> PathBuf {
        let mut path = self.db.clone().into_os_string();
        path.push(".key");
        PathBuf::from(path)
    }

    /// `init` (accounts trusted by name) and the example fields, agencies and staff
    /// imported: what every seeded database starts from.
    pub fn init_with_examples(&self) {
        self.run(&["init", "--auth", "trust"]).success();
        for (kind, file) in [
            ("field", "fields.csv"),
            ("agency", "agencies.csv"),
            ("staff", "staff.csv"),
        ] {
            self.run_as(ADMIN, &[kind, "import", &example_str(file)])
                .success();
        }
    }

    /// `init` run, and the example fields, agencies and staff imported by the admin.
    pub fn seeded() -> TestEnv {
        TestEnv::from_template(Stage::Seeded)
    }

    /// Seeded, and examples/reports.csv ingested (340 reports, all `received`).
    pub fn ingested() -> TestEnv {
        TestEnv::from_template(Stage::Ingested)
    }

    /// Ingested, and every report validated (306 accepted, 34 rejected).
    pub fn validated() -> TestEnv {
        TestEnv::from_template(Stage::Validated)
    }

    /// Validated, and CMG-2026-000105 (id 5) classified GT and assigned to SXD.
    pub fn assigned_to_sxd() -> TestEnv {
        static ASSIGNED: Template = Template::new();
        ASSIGNED.copy(|| {
            let env = TestEnv::validated();
            env.run_as(RECEPTION, &["classify", "5", "--field", "GT"])
                .success();
            env.run_as(RECEPTION, &["assign", "5", "--agency", "SXD"])
                .success();
            env
        })
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> &Path {
        &self.db
    }

    /// Pins the clock of every later command.
    pub fn set_now(&mut self, now: &str) {
        self.now = now.to_owned();
    }

    /// The real binary with a cleared environment, the test's database and clock, run in
    /// the test's directory (so a default path can never touch the repository). Its stdin
    /// is an empty pipe and its output is captured (`Run::of`, or `output()`).
    pub fn command(&self) -> Command {
        let mut cmd = self.std_command();
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs phananh with `args` as on a terminal `columns` wide (`COLUMNS`), where tables
    /// and messages are laid out for the width: the desk's 80 columns, mostly.
    pub fn at_columns(&self, columns: u16, args: &[&str]) -> Run {
        let mut cmd = self.command();
        cmd.env("COLUMNS", columns.to_string());
        Run::of(cmd, args)
    }

    /// The same as `command` with the standard streams left as the caller sets them (to
    /// spawn and hold a pipe).
    pub fn std_command(&self) -> Command {
        self.with_env(Command::new(bin()))
    }

    /// The same as `std_command`, in a new session whose controlling terminal is its stdin:
    /// for `terminal::Terminal::spawn`.
    pub fn terminal_command(&self) -> Command {
        self.with_env(crate::terminal::in_new_session(bin()))
    }

    /// What `phananh --as RECEPTION ingest FILE` drew on an 80 × 24 terminal, to its end:
    /// the progress bar and the lines printed above it.
    pub fn ingest_at_a_terminal(&self, file: &std::path::Path) -> String {
        let mut cmd = self.terminal_command();
        cmd.env("PATH", "/usr/bin:/bin")
            .env("TERM", "xterm-256color")
            .args(["--as", RECEPTION, "ingest", file.to_str().unwrap()]);
        crate::terminal::Terminal::spawn(cmd, std::time::Duration::from_secs(60))
            .expect_eof()
            .expect("ingest ends")
    }

    fn with_env(&self, mut cmd: Command) -> Command {
        cmd.env_clear()
            .env("PHANANH_DB", &self.db)
            .env("PHANANH_NOW", &self.now)
            .current_dir(self.dir.path());
        cmd
    }

    /// Runs `phananh ARGS` with no acting account.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command(), args)
    }

    /// Runs `phananh --as USER ARGS`.
    pub fn run_as(&self, user: &str, args: &[&str]) -> Run {
        let mut all = vec!["--as", user];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Runs `phananh --as USER ARGS` with the busy timeout cut to 200 ms (a debug build
    /// reads `PHANANH_BUSY_TIMEOUT_MS`): for a test of what a command does once another
    /// session keeps it from the lock, not of the ten seconds it would wait first
    /// (`desk::a_database_locked_past_the_wait_exits_4_and_names_who_holds_it` waits them).
    pub fn run_as_waiting_briefly(&self, user: &str, args: &[&str]) -> Run {
        let mut cmd = self.command();
        cmd.env("PHANANH_BUSY_TIMEOUT_MS", "200");
        let mut all = vec!["--as", user];
        all.extend_from_slice(args);
        Run::of(cmd, &all)
    }

    /// Runs the README's cron sweep as `user` (`--format csv sweep --no-headers
    /// --fail-on-breach`), with `extra` flags after it.
    pub fn cron_sweep(&self, user: &str, extra: &[&str]) -> Run {
        let mut args = vec![
            "--format",
            "csv",
            "sweep",
            "--no-headers",
            "--fail-on-breach",
        ];
        args.extend_from_slice(extra);
        self.run_as(user, &args)
    }

    /// Runs `phananh ARGS` with the account given by `PHANANH_USER` instead of `--as`.
    pub fn run_env_user(&self, user: &str, args: &[&str]) -> Run {
        let mut cmd = self.command();
        cmd.env("PHANANH_USER", user);
        Run::of(cmd, args)
    }

    /// Runs `phananh --as USER ARGS EXTRA`, which must succeed; its stdout. `extra` is how a
    /// test asks the same command again in another format or language.
    #[track_caller]
    pub fn stdout_as(&self, user: &str, args: &[&str], extra: &[&str]) -> String {
        self.run_as(user, &[args, extra].concat())
            .success()
            .stdout
            .clone()
    }

    /// Runs `phananh --as USER ARGS --format json`, which must succeed; the JSON it printed.
    #[track_caller]
    pub fn json_as(&self, user: &str, args: &[&str]) -> Value {
        self.run_as(user, &[args, &["--format", "json"]].concat())
            .success()
            .json()
    }

    /// Runs `phananh --as USER ARGS --out FILE`, FILE being `name` in the test's directory,
    /// which must succeed; FILE's path, for the test to read back what was written.
    #[track_caller]
    pub fn run_as_into(&self, user: &str, args: &[&str], name: &str) -> PathBuf {
        let path = self.dir().join(name);
        self.run_as(user, &[args, &["--out", path.to_str().unwrap()]].concat())
            .success();
        path
    }

    /// Writes `contents` to the file `name` in the test's directory, for a command to read;
    /// its path.
    pub fn write_file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// `show ID --format json` as the admin (which logs nothing).
    pub fn show(&self, id: &str) -> Value {
        self.run_as(ADMIN, &["show", id, "--format", "json"])
            .success()
            .json()
    }

    /// A report's status, read through `show`.
    pub fn status_of(&self, id: &str) -> String {
        self.show(id)["status"]
            .as_str()
            .expect("status is a string")
            .to_owned()
    }

    /// The status of a report whose row the log does not vouch for, read through `show`,
    /// which prints the row all the same and says it is not the record (exit 5).
    pub fn status_of_unvouched(&self, id: &str) -> String {
        let run = self.run_as(ADMIN, &["--lang", "en", "show", id, "--format", "json"]);
        run.code(5)
            .stderr_has(&format!("report {id}"))
            .stderr_has("not as the log recorded it");
        run.json()["status"]
            .as_str()
            .expect("status is a string")
            .to_owned()
    }

    /// The number phananh gave to the report with this app id.
    /// Writes `record` as a one-line JSON Lines file `name` in the test's directory and loads
    /// it with `ingest --validate` as reception, which must succeed; returns the path written
    /// and the report's number.
    pub fn ingest_validated(&self, name: &str, record: &Value) -> (PathBuf, i64) {
        let file = self.dir().join(name);
        std::fs::write(&file, format!("{record}\n")).unwrap();
        self.run_as(RECEPTION, &["ingest", "--validate", file.to_str().unwrap()])
            .success();
        let external_id = record["external_id"]
            .as_str()
            .expect("a record with an external_id");
        (file, self.id_of(external_id))
    }

    pub fn id_of(&self, external_id: &str) -> i64 {
        self.read_only()
            .query_row(
                "SELECT id FROM reports WHERE external_id = ?1",
                [external_id],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("no report {external_id}: {e}"))
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.read_only()
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The database opened read-only, for checking state.
    pub fn read_only(&self) -> Connection {
        Connection::open_with_flags(
            &self.db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .expect("opening the test database read-only")
    }

    /// The first column of every row `sql` returns.
    pub fn column<T: rusqlite::types::FromSql>(&self, sql: &str) -> Vec<T> {
        let conn = self.read_only();
        let mut stmt = conn.prepare(sql).expect("a valid query");
        stmt.query_map([], |r| r.get(0))
            .expect("the query runs")
            .collect::<rusqlite::Result<_>>()
            .expect("rows of the expected type")
    }

    /// The database opened for writing, to tamper with it behind the tool's back.
    pub fn writable(&self) -> Connection {
        Connection::open_with_flags(&self.db, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .expect("opening the test database for writing")
    }

    /// Runs `sql` on the database as a careful insider with a `sqlite3` shell would: drops
    /// the append-only triggers named, runs it, then puts the triggers back exactly as they
    /// were, so the file's schema is the tool's again and only the rows tell.
    pub fn tamper_without_triggers(&self, triggers: &[&str], sql: &str) {
        let conn = self.writable();
        let saved: Vec<String> = triggers
            .iter()
            .map(|name| {
                conn.query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .unwrap_or_else(|e| panic!("no trigger {name}: {e}"))
            })
            .collect();
        for name in triggers {
            conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
        }
        conn.execute_batch(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        for trigger in saved {
            conn.execute_batch(&trigger).unwrap();
        }
    }

    /// Rewrites the log as an insider who knows how an event is sealed would (the hashes
    /// carry no secret): `edit` may change each event (it says whether it did), and every
    /// event from the first changed on, or the first whose hashes were made up, is sealed
    /// again and linked to the one before, the append-only trigger dropped for it and put
    /// back. The chain then holds; what `audit verify` replays of who may act is what can
    /// still tell.
    pub fn rewrite_log(
        &self,
        mut edit: impl FnMut(&mut phananh::domain::audit::EventRecord) -> bool,
    ) {
        let conn = self.writable();
        let mut records = Vec::new();
        phananh::storage::events::for_each(&conn, |record, hash| {
            records.push((record.clone(), hash.to_owned()));
            Ok::<(), ()>(())
        })
        .unwrap()
        .unwrap();
        let mut rewritten = Vec::new();
        let mut prev: Option<String> = None;
        for (mut record, hash) in records {
            let mut changed = record.seal() != hash;
            if let Some(prev) = prev.take().filter(|p| *p != record.prev_hash) {
                record.prev_hash = prev;
                changed = true;
            }
            changed |= edit(&mut record);
            let hash = if changed {
                let sealed = record.seal();
                rewritten.push((record, sealed.clone()));
                sealed
            } else {
                hash
            };
            prev = Some(hash);
        }
        let unhex = |h: &str| phananh::domain::report::unhex(h).expect("a hash in hex");
        let trigger: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'events_are_append_only_update'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        conn.execute_batch("DROP TRIGGER events_are_append_only_update")
            .unwrap();
        for (record, hash) in rewritten {
            conn.execute(
                "UPDATE events SET actor = ?1, login = ?2, payload = ?3, prev_hash = ?4, hash = ?5
                  WHERE id = ?6",
                rusqlite::params![
                    record.actor,
                    record.login,
                    record.payload,
                    unhex(&record.prev_hash),
                    unhex(&hash),
                    record.id
                ],
            )
            .unwrap();
        }
        conn.execute_batch(&trigger).unwrap();
    }

    /// The database file's bytes, after folding the WAL into the main file.
    pub fn snapshot(&self) -> Vec<u8> {
        {
            let conn = self.writable();
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .expect("checkpointing the WAL");
        }
        let wal = self.db.with_extension("sqlite-wal");
        if let Ok(meta) = std::fs::metadata(&wal) {
            assert_eq!(meta.len(), 0, "{} still holds pages", wal.display());
        }
        // A copy made from these bytes gets the key beside it (`from_bytes`).
        let key_id: Option<String> = self
            .read_only()
            .query_row("SELECT key_id FROM vault", [], |r| r.get(0))
            .ok();
        if let (Some(id), Ok(text)) = (key_id, std::fs::read(self.key())) {
            keys().lock().unwrap().insert(id, text);
        }
        std::fs::read(&self.db).expect("reading the database")
    }

    /// Report `id`'s sealed identity and wrapped own key as stored: what a test takes out
    /// of the row with `sqlite3`, and puts back with [`TestEnv::put_identity_back`].
    pub fn sealed_identity(&self, id: i64) -> (Vec<u8>, Vec<u8>) {
        self.read_only()
            .query_row(
                "SELECT identity, identity_key FROM reports WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }

    pub fn put_identity_back(&self, id: i64, (identity, own_key): &(Vec<u8>, Vec<u8>)) {
        self.writable()
            .execute(
                "UPDATE reports SET identity = ?1, identity_key = ?2 WHERE id = ?3",
                rusqlite::params![identity, own_key, id],
            )
            .unwrap();
    }

    /// Every row of every table, in rowid order, as text. SQLite's `quote()` writes each
    /// value as an SQL literal (NULL, 5, 1.5, 'text', X'00ff'), which tells apart every
    /// value and type as formatting them here did, at a fraction of the cost: the
    /// fingerprint is taken before and after most commands the tests run.
    pub fn fingerprint(&self) -> Fingerprint {
        let conn = self.read_only();
        let mut tables = BTreeMap::new();
        for table in TABLES {
            let columns: Vec<String> = conn
                .prepare(&format!("SELECT * FROM {table} LIMIT 0"))
                .unwrap_or_else(|e| panic!("reading {table}: {e}"))
                .column_names()
                .map(str::to_owned)
                .collect();
            let quoted = columns
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt = conn
                .prepare(&format!("SELECT {quoted} FROM {table} ORDER BY rowid"))
                .unwrap_or_else(|e| panic!("reading {table}: {e}"));
            let width = columns.len();
            let rows = stmt
                .query_map([], |row| {
                    (0..width)
                        .map(|i| row.get::<_, String>(i))
                        .collect::<rusqlite::Result<Vec<String>>>()
                })
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .unwrap_or_else(|e| panic!("reading {table}: {e}"));
            tables.insert(table, Table { columns, rows });
        }
        let pragmas = ["user_version", "application_id"]
            .iter()
            .map(|p| {
                let v: i64 = conn
                    .query_row(&format!("PRAGMA {p}"), [], |r| r.get(0))
                    .expect("a pragma");
                vec![(*p).to_owned(), v.to_string()]
            })
            .collect();
        tables.insert(
            "pragmas",
            Table {
                columns: vec!["name".into(), "value".into()],
                rows: pragmas,
            },
        );
        Fingerprint(tables)
    }

    /// Asserts that the database is exactly as `before`.
    pub fn assert_unchanged(&self, before: &Fingerprint) {
        let after = self.fingerprint();
        if let Some(difference) = before.first_difference(&after) {
            panic!("the database changed: {difference}");
        }
    }

    /// Asserts that the only change since `before` is ONE appended event, a `refused` by
    /// `actor`; returns that event (column name → value text).
    pub fn assert_only_refusal(
        &self,
        before: &Fingerprint,
        actor: &str,
    ) -> BTreeMap<String, String> {
        let after = self.fingerprint();
        for (name, table) in &before.0 {
            if *name != "events" && Some(table) != after.0.get(name) {
                panic!(
                    "a refused command changed table {name}: {}",
                    before.first_difference(&after).unwrap_or_default()
                );
            }
        }
        let old = &before.0["events"];
        let new = &after.0["events"];
        assert_eq!(
            new.rows.len(),
            old.rows.len() + 1,
            "a refused command must append exactly one event; new events: {:#?}",
            &new.rows[old.rows.len().min(new.rows.len())..]
        );
        assert_eq!(
            &new.rows[..old.rows.len()],
            &old.rows[..],
            "earlier events changed"
        );
        let event: BTreeMap<String, String> = new
            .columns
            .iter()
            .cloned()
            .zip(new.rows.last().expect("one new event").iter().cloned())
            .collect();
        assert_eq!(event["action"], "'refused'", "the new event: {event:#?}");
        assert_eq!(
            event["actor"],
            format!("'{actor}'"),
            "the new event: {event:#?}"
        );
        event
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A dump of the database: every table's rows as text, plus the schema pragmas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(pub BTreeMap<&'static str, Table>);

impl Fingerprint {
    pub fn rows(&self, table: &str) -> usize {
        self.0[table].rows.len()
    }

    /// The same dump with the events' system clock, and the seals and links computed over
    /// it, blanked: what two runs of the same replay at different moments share.
    pub fn without_system_clock(&self) -> Fingerprint {
        let mut copy = self.clone();
        let events = copy.0.get_mut("events").expect("events are dumped");
        let blanked: Vec<usize> = ["recorded_at", "prev_hash", "hash"]
            .iter()
            .map(|c| {
                events
                    .columns
                    .iter()
                    .position(|name| name == c)
                    .unwrap_or_else(|| panic!("events has no column {c}"))
            })
            .collect();
        for row in &mut events.rows {
            for &i in &blanked {
                row[i] = "…".to_owned();
            }
        }
        copy
    }

    /// The same, with what the encryption of identities makes anew each time also blanked:
    /// the sealed identities and their keys (random keys and nonces), the key's id (in the
    /// vault row and in the events that record it), and so the row digests events seal over
    /// them. Compare the identities themselves opened
    /// (`TestEnv::identities`).
    pub fn without_encryption(&self) -> Fingerprint {
        let mut copy = self.clone();
        for (table, columns) in [
            ("events", &["report_hash"][..]),
            ("reports", &["identity", "identity_key"][..]),
            ("vault", &["key_id"][..]),
        ] {
            let Some(dump) = copy.0.get_mut(table) else {
                continue;
            };
            let blanked: Vec<usize> = columns
                .iter()
                .filter_map(|c| dump.columns.iter().position(|name| name == c))
                .collect();
            for row in &mut dump.rows {
                for &i in &blanked {
                    row[i] = "…".to_owned();
                }
            }
        }
        // The key's id as the log records it (`init`, `seal_identity`), beside the rest of
        // what those events say.
        let key_id = regex::Regex::new(r#""key_id":"[0-9a-f]+""#).unwrap();
        if let Some(events) = copy.0.get_mut("events")
            && let Some(i) = events.columns.iter().position(|name| name == "payload")
        {
            for row in &mut events.rows {
                row[i] = key_id.replace_all(&row[i], r#""key_id":"…""#).into_owned();
            }
        }
        copy
    }

    /// A short description of the first difference, or None when equal.
    pub fn first_difference(&self, other: &Fingerprint) -> Option<String> {
        for (name, mine) in &self.0 {
            let Some(theirs) = other.0.get(name) else {
                return Some(format!("table {name} disappeared"));
            };
            if mine.columns != theirs.columns {
                return Some(format!(
                    "table {name}: columns {:?} became {:?}",
                    mine.columns, theirs.columns
                ));
            }
            for (index, (a, b)) in mine.rows.iter().zip(&theirs.rows).enumerate() {
                if a != b {
                    return Some(format!(
                        "table {name}, row {index}:\n  before {a:?}\n  after  {b:?}"
                    ));
                }
            }
            if mine.rows.len() != theirs.rows.len() {
                let extra = if theirs.rows.len() > mine.rows.len() {
                    &theirs.rows[mine.rows.len()..]
                } else {
                    &mine.rows[theirs.rows.len()..]
                };
                return Some(format!(
                    "table {name}: {} rows became {}; the difference: {extra:#?}",
                    mine.rows.len(),
                    theirs.rows.len()
                ));
            }
        }
        None
    }
}

/// The outcome of one run of the binary.
pub struct Run {
    pub command: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Runs `cmd` (from `TestEnv::command`, perhaps with more set on it) with `args`: stdin
    /// an empty pipe, stdout and stderr captured, whatever `cmd` had set.
    pub fn of(mut cmd: Command, args: &[&str]) -> Run {
        cmd.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Waiting closes stdin first: a command that reads it sees its end at once.
        let output = cmd
            .spawn()
            .and_then(std::process::Child::wait_with_output)
            .expect("running phananh");
        Run {
            command: format!("phananh {}", shell_words(args)),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts exit status 0.
    #[track_caller]
    pub fn success(&self) -> &Run {
        self.code(0)
    }

    /// Asserts exit status 1 (user error or refused action).
    #[track_caller]
    pub fn failure(&self) -> &Run {
        self.code(1)
    }

    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        if self.code != Some(expected) {
            panic!("expected exit status {expected}\n{self}");
        }
        self
    }

    /// Stdout parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{self}"))
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        if !self.stdout.contains(needle) {
            panic!("stdout should contain {needle:?}\n{self}");
        }
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        if !self.said().contains(needle) {
            panic!("stderr should contain {needle:?}\n{self}");
        }
        self
    }

    #[track_caller]
    pub fn stdout_matches(&self, pattern: &str) -> &Run {
        let re = regex::Regex::new(pattern).expect("a valid pattern");
        if !re.is_match(&self.stdout) {
            panic!("stdout should match /{pattern}/\n{self}");
        }
        self
    }

    pub fn stderr_matches(&self, pattern: &str) -> &Run {
        let re = regex::Regex::new(pattern).expect("a valid pattern");
        if !re.is_match(&self.said()) {
            panic!("stderr should match /{pattern}/\n{self}");
        }
        self
    }

    /// What stderr says: as written, then the message of each error a `--format json` run
    /// wrote as a JSON object (`{"error":{"message":…}}`), decoded, since there the quotes
    /// and line breaks of the message are escaped.
    pub fn said(&self) -> String {
        let mut said = self.stderr.clone();
        for line in self.stderr.lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(message) = value["error"]["message"].as_str() {
                said.push('\n');
                said.push_str(message);
            }
        }
        said
    }

    /// Asserts that stdout and stderr hold none of `secrets`.
    #[track_caller]
    pub fn never_shows_any(&self, secrets: &Secrets) -> &Run {
        for text in [&self.stdout, &self.stderr] {
            if let Some(found) = secrets.first_in(text) {
                panic!("the output must not contain {found:?}\n{self}");
            }
        }
        self
    }

    /// Asserts that stdout and stderr both lack `needle`.
    #[track_caller]
    pub fn never_shows(&self, needle: &str) -> &Run {
        if self.stdout.contains(needle) || self.stderr.contains(needle) {
            panic!("the output must not contain {needle:?}\n{self}");
        }
        self
    }

    /// Asserts that stderr is exactly one non-empty line.
    #[track_caller]
    pub fn one_line_error(&self) -> &Run {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        if lines.len() != 1 {
            panic!("stderr should be one line, found {}\n{self}", lines.len());
        }
        self
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "command: {}", self.command)?;
        writeln!(f, "exit status: {:?}", self.code)?;
        writeln!(f, "--- stdout ---\n{}", self.stdout)?;
        write!(f, "--- stderr ---\n{}", self.stderr)
    }
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn shell_words(args: &[&str]) -> String {
    args.iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_alphanumeric() || "-_./:=@,+".contains(c))
            {
                (*a).to_owned()
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `args` asked for in English: `--lang en` first, as the tests that read the English
/// wording run a command.
pub fn in_english<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut english = vec!["--lang", "en"];
    english.extend_from_slice(args);
    english
}

/// The body lines of the first box-drawn table among `lines`: those between its header's
/// `╞` rule and its `└` bottom, one line per row when nothing wraps.
pub fn table_body<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    lines
        .into_iter()
        .skip_while(|l| !l.starts_with('╞'))
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .collect()
}

/// The JSON array at `value`, or a panic naming what it is.
#[track_caller]
pub fn array(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected a JSON array, got {value:#}"))
}

/// `n` as a Vietnamese reader writes a count, its thousands grouped with a point
/// ("1.308"), spelled here apart from the tool's own grouping so that a test checks it.
pub fn vi_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// Every row `sql` selects through `conn`, each read as a tuple of its columns (rusqlite reads
/// a row into a tuple of up to 16 values).
pub fn rows_as<T>(conn: &Connection, sql: &str) -> Vec<T>
where
    T: for<'a> TryFrom<&'a rusqlite::Row<'a>, Error = rusqlite::Error>,
{
    conn.prepare(sql)
        .and_then(|mut stmt| {
            stmt.query_map([], |r| T::try_from(r))?
                .collect::<rusqlite::Result<_>>()
        })
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Sets the clock to `local`, a time in Vietnam written "2026-10-05 08:30".
pub fn at(env: &mut TestEnv, local: &str) {
    env.set_now(&format!("{}:00+07:00", local.replace(' ', "T")));
}

/// `stderr` without the sweep's notice of the urgent reports' clocks it flagged at once
/// (its first line and the indented lines under it), which a first sweep over the examples
/// gives: for tests of what else a sweep says.
pub fn without_flag_notice(stderr: &str) -> String {
    let mut kept = String::new();
    let mut in_notice = false;
    for line in stderr.split_inclusive('\n') {
        if line.starts_with("Lần quét này gắn cờ ") || line.starts_with("this sweep flagged ")
        {
            in_notice = true;
            continue;
        }
        if in_notice && line.starts_with("  ") {
            continue;
        }
        in_notice = false;
        kept.push_str(line);
    }
    kept
}

/// SXD's officer returns report 5 (of `TestEnv::assigned_to_sxd`) at 08:30 on 5 October
/// 2026 for want of jurisdiction.
pub fn sxd_returns_5(env: &mut TestEnv) {
    env.set_now("2026-10-05T08:30:00+07:00");
    env.run_as(
        HANDLER_SXD,
        &[
            "return",
            "5",
            "--reason",
            "Không thuộc thẩm quyền của Sở Xây dựng",
        ],
    )
    .success();
}

/// The portal gives report 5, returned by SXD, to PCCM at 08:40.
pub fn pccm_is_given_5(env: &mut TestEnv) {
    env.set_now("2026-10-05T08:40:00+07:00");
    env.run_as(RECEPTION, &["assign", "5", "--agency", "PCCM"])
        .success();
}

/// Ingests and validates the reports at the env's clock; returns their numbers.
pub fn receive(env: &TestEnv, rows: &[(&str, &str, bool)]) -> Vec<String> {
    let file = reports_csv(env, "in.csv", rows);
    env.run_as(RECEPTION, &["ingest", file.to_str().unwrap()])
        .success();
    env.run_as(RECEPTION, &["validate"]).success();
    rows.iter()
        .map(|(ext, _, _)| env.id_of(ext).to_string())
        .collect()
}

/// Three accepted reports whose dispatch clocks fall due Monday 5/10/2026 08:40 (from a
/// Sunday night), 09:00 (urgent) and 10:00 (the sweeps of the deadline and desk tests), and
/// their numbers.
pub fn sweep_world() -> (TestEnv, Vec<String>) {
    static TEMPLATE: Template<Vec<String>> = Template::new();
    TEMPLATE.copy_with(|| {
        let mut env = TestEnv::seeded();
        at(&mut env, "2026-10-05 08:30");
        let ids = receive(
            &env,
            &[
                // Sunday night: a day off, 12 clock hours → Monday 08:40.
                ("SW-SUN", "2026-10-04T20:40:00+07:00", false),
                // Urgent, before office hours: from 07:00 → 09:00.
                ("SW-URGENT", "2026-10-05T06:30:00+07:00", true),
                // Not due soon at 08:35: 10:00.
                ("SW-LATER", "2026-10-05T08:00:00+07:00", false),
            ],
        );
        (env, ids)
    })
}

/// Writes reports (app id, submission time, urgent) into a CSV in the test's directory,
/// built from the second example report (the first has a bad phone number) so that every
/// one of them is complete.
pub fn reports_csv(env: &TestEnv, name: &str, rows: &[(&str, &str, bool)]) -> PathBuf {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let template = reader.records().nth(1).unwrap().unwrap();
    assert_eq!(&template[0], "CMG-2026-000102");
    let path = env.dir().join(name);
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(&headers).unwrap();
    for (external_id, submitted, urgent) in rows {
        let mut record: Vec<String> = template.iter().map(str::to_owned).collect();
        record[0] = (*external_id).to_owned();
        record[1] = (*submitted).to_owned();
        record[2] = (*submitted).to_owned();
        record[13] = if *urgent { "1" } else { "0" }.to_owned();
        writer.write_record(&record).unwrap();
    }
    writer.flush().unwrap();
    path
}

/// A CSV of `n` complete reports built from the examples with new app ids
/// (`{prefix}-000001`…), written into the test's directory.
pub fn many_reports_csv(env: &TestEnv, name: &str, prefix: &str, n: usize) -> PathBuf {
    let mut reader = csv::Reader::from_path(example("reports.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let path = env.dir().join(name);
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(&headers).unwrap();
    for i in 0..n {
        let mut record: Vec<String> = rows[i % rows.len()].iter().map(str::to_owned).collect();
        record[0] = format!("{prefix}-{i:06}");
        writer.write_record(&record).unwrap();
    }
    writer.flush().unwrap();
    path
}

/// Strings that must appear in no output (reporters' names and phones). The leak tests hold
/// hundreds of them against every output; one Aho-Corasick pass per text finds whether any
/// occurs, where a `contains` per secret scanned the text hundreds of times.
pub struct Secrets {
    searcher: aho_corasick::AhoCorasick,
    secrets: Vec<String>,
}

impl Secrets {
    pub fn new(secrets: impl IntoIterator<Item = impl Into<String>>) -> Secrets {
        let secrets: Vec<String> = secrets.into_iter().map(Into::into).collect();
        assert!(
            secrets.iter().all(|s| !s.is_empty()),
            "an empty secret would match everything"
        );
        let searcher = aho_corasick::AhoCorasick::new(&secrets).expect("an automaton");
        Secrets { searcher, secrets }
    }

    /// The first secret found in `text`, if any.
    pub fn first_in(&self, text: &str) -> Option<&str> {
        self.searcher
            .find(text)
            .map(|m| self.secrets[m.pattern().as_usize()].as_str())
    }
}

/// Every report's id, reporter's name and phone in clear from the database at `db`, opened
/// with the key file `key` (see `TestEnv::identities`).
pub fn identities_of(db: &Path, key: &Path) -> Vec<(i64, String, String)> {
    use phananh::domain::vault::{MasterKey, SealedIdentity, open};
    let key = MasterKey::from_file_text(&std::fs::read_to_string(key).expect("the key file"))
        .expect("a key file");
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id, external_id, reporter_name, reporter_phone, identity, identity_key
               FROM reports ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        let sealed: Option<Vec<u8>> = r.get(4)?;
        let (name, phone) = match sealed {
            Some(sealed) if !sealed.is_empty() => {
                let identity = SealedIdentity {
                    wrapped_key: r.get::<_, Option<Vec<u8>>>(5)?.unwrap_or_default(),
                    sealed,
                };
                open(&key, &r.get::<_, String>(1)?, &identity).expect("the identity opens")
            }
            _ => (r.get(2)?, r.get(3)?),
        };
        Ok((r.get(0)?, name, phone))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

// ---------------------------------------------------------------------------------------
// Shared runs: the played demo, and independent cases spread over threads.
//
// `demo` plays 340 reports through every step; in the debug build one run costs about two
// CPU-seconds, and six tests ran it. It now runs once per test binary run (docs/testing.md).

/// What one `demo` in an empty directory (default clock) left behind: its output, the
/// modes of the files it made, and the database. Tests that check the run itself read
/// `run`; tests that start from its result take a copy with `TestEnv::demo`.
pub struct PlayedDemo {
    /// The `demo` run, exactly as a test running it would have seen it.
    pub run: Run,
    /// Permission bits of the database file right after the run.
    pub db_mode: u32,
    /// Permission bits of `-wal` and `-shm` beside it, when the run left them.
    pub side_modes: Vec<(&'static str, u32)>,
    bytes: Vec<u8>,
}

static PLAYED_DEMO: OnceLock<PlayedDemo> = OnceLock::new();

/// The one `demo` run of this test binary run (built by whichever test asks first).
pub fn played_demo() -> &'static PlayedDemo {
    PLAYED_DEMO.get_or_init(|| {
        let env = TestEnv::empty();
        let run = env.run(&["demo"]);
        run.success();
        let mode = |p: &Path| {
            std::fs::metadata(p)
                .ok()
                .map(|m| m.permissions().mode() & 0o777)
        };
        // Read before `snapshot`, whose own connection could make the side files.
        let db_mode = mode(env.db()).expect("demo made its database");
        let side_modes = ["-wal", "-shm"]
            .into_iter()
            .filter_map(|suffix| {
                let mut side = env.db().as_os_str().to_owned();
                side.push(suffix);
                mode(Path::new(&side)).map(|m| (suffix, m))
            })
            .collect();
        let bytes = env.snapshot();
        PlayedDemo {
            run: Run {
                command: run.command.clone(),
                code: run.code,
                stdout: run.stdout.clone(),
                stderr: run.stderr.clone(),
            },
            db_mode,
            side_modes,
            bytes,
        }
    })
}

impl TestEnv {
    /// A fresh world whose database is what `demo` played (default clock, as
    /// `TestEnv::empty()` then `run(&["demo"])` leaves it).
    pub fn demo() -> TestEnv {
        TestEnv::from_bytes(&played_demo().bytes)
    }
}

/// Runs `check` on every case, spread over as many threads as the machine has cores, and
/// re-raises the first failure with its own message. For cases that are independent (each
/// on its own `TestEnv`) and spend their time waiting on a child process.
pub fn each_in_parallel<T: Sync>(cases: &[T], check: impl Fn(&T) + Sync) {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .clamp(1, cases.len().max(1));
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(case) = cases.get(i) else { break };
                        check(case);
                    }
                })
            })
            .collect();
        let mut failure = None;
        for worker in workers {
            if let Err(panic) = worker.join() {
                failure.get_or_insert(panic);
            }
        }
        if let Some(panic) = failure {
            std::panic::resume_unwind(panic);
        }
    });
}

/// Whether the tests run as root, whom no file mode stops: a test of what an account may
/// not reach then runs the command as another account ([`as_nobody`]).
pub fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `phananh ARGS` run as uid 65534 (nobody, on every Debian system) through `setpriv`, from
/// `cwd`, with nothing of the environment but `env`'s database.
pub fn as_nobody(env: &TestEnv, cwd: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::new("setpriv");
    cmd.env_clear()
        .env("PHANANH_DB", env.db())
        .current_dir(cwd)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(bin());
    Run::of(cmd, args)
}

/// The name of the user running the tests, as the password database gives it.
pub fn my_login() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    assert!(out.status.success(), "id -un failed");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// How long [`run_bounded`] lets a command run before killing it: a minute, far above any
/// honest run on a loaded machine (two cores shared by a whole suite), so that only a command
/// waiting for ever reaches it. It keeps a hang from hanging the suite; it is no timing
/// assertion.
pub const HANG_BOUND: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs `cmd` with `args` as `Run::of` does, but kills it if it has not ended within
/// `bound`: for a command that could wait for ever (a FIFO planted where it reads), which
/// must fail its test rather than hang the suite. The bound is no timing assertion: pass
/// [`HANG_BOUND`].
pub fn run_bounded(mut cmd: Command, args: &[&str], bound: std::time::Duration) -> Run {
    use std::sync::mpsc;
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("running phananh");
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let (done, ended) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if ended.recv_timeout(bound) == Err(mpsc::RecvTimeoutError::Timeout) {
            // Still running: not yet reaped, so the pid is still this child's.
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        }
    });
    let output = child.wait_with_output().expect("waiting for phananh");
    let _ = done.send(());
    watchdog.join().expect("the watchdog ends");
    Run {
        command: format!("phananh {}", shell_words(args)),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Makes a named pipe (FIFO) at `path`, with coreutils' `mkfifo`: the tests that play a
/// pipe planted where a file is read or written.
pub fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo (coreutils) is needed by this test");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs `phananh --as USER ARGS` held at the debug build's pause point `point`
/// (`PHANANH_PAUSE`, see `app::pause_point`), runs `meanwhile` while it is held there, then
/// lets it go and returns how it ended. A run that ends without reaching the point fails
/// the test (its output said) instead of hanging it: a thread waiting for the process says
/// "exited" through the same FIFO.
pub fn run_paused_at(
    env: &TestEnv,
    user: &str,
    args: &[&str],
    point: &str,
    meanwhile: impl FnOnce(),
) -> Run {
    let fifo = env.dir().join("pause.fifo");
    mkfifo(&fifo);
    let lock_path = env.dir().join("pause.lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    // Opened for reading and writing (Linux): neither phananh's line nor the watcher's waits
    // for a reader to open it, and a read never meets the end of the file between the two.
    // Opened for reading alone, a read after phananh's line could open while phananh still
    // held its end, see that end closed, and leave the watcher's line waiting for ever.
    let hook = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    let mut all = vec!["--as", user];
    all.extend_from_slice(args);
    let mut cmd = env.std_command();
    cmd.args(&all)
        .env("PHANANH_PAUSE", point)
        .env("PHANANH_PAUSE_HOOK", &fifo)
        .env("PHANANH_PAUSE_LOCK", &lock_path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("spawning phananh");
    let watcher = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let out = child.wait_with_output().expect("waiting for phananh");
            std::fs::write(&fifo, "exited\n").unwrap();
            out
        })
    };
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(&hook), &mut line).unwrap();
    let paused = line == format!("paused at {point}\n");
    if paused {
        meanwhile();
    }
    lock.unlock().unwrap();
    if !paused {
        // The watcher's "exited" was read.
        let output = watcher.join().unwrap();
        panic!(
            "phananh {} never reached {point}: {line:?}\n{}",
            shell_words(&all),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // The watcher's "exited" goes into the FIFO this test holds open, unread.
    let output = watcher.join().unwrap();
    drop(hook);
    Run {
        command: format!("phananh {}", shell_words(&all)),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Fails unless util-linux's `prlimit` is there: the full-disk tests play a full disk
/// with it, and must fail, never pass unrun, on a machine without it.
pub fn assert_prlimit() {
    assert!(
        std::process::Command::new("prlimit")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
        "prlimit (util-linux) is needed; .ci/run installs it"
    );
}

/// Runs `phananh ARGS` with its standard output on a full disk (`/dev/full`, where every
/// write fails for want of room): its exit status, and its stderr, asserted to be one line.
pub fn run_onto_a_full_disk(env: &TestEnv, args: &[&str]) -> (Option<i32>, String) {
    let out = env
        .std_command()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(said.lines().count(), 1, "{said}");
    (out.status.code(), said)
}

/// An insider's edit: the names of the agencies SXD and SYT swapped, each row otherwise as
/// it was, so that a report given to one prints as given to the other.
pub const SWAP_SXD_AND_SYT_NAMES: &str =
    "UPDATE agencies SET name = CASE code WHEN 'SYT' THEN 'Sở Xây dựng tỉnh Cà Mau'
                                            ELSE 'Sở Y tế tỉnh Cà Mau' END
  WHERE code IN ('SYT', 'SXD')";

/// How many full exports (with personal data) the log records.
pub const FULL_EXPORTS: &str = "SELECT count(*) FROM events WHERE action = 'export_full'";

/// Runs `phananh ARGS` with the process's file-size limit at `bytes` (SIGXFSZ ignored, so
/// a write past it fails as on a full disk instead of killing the process).
pub fn with_file_size_limit(env: &TestEnv, bytes: u64, args: &[&str]) -> Run {
    let mut cmd = std::process::Command::new("sh");
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PHANANH_DB", env.db())
        .env("PHANANH_NOW", NOW)
        .current_dir(env.dir())
        .args([
            "-c",
            r#"trap "" XFSZ; exec prlimit --fsize="$0" -- "$@""#,
            &bytes.to_string(),
        ])
        .arg(bin());
    Run::of(cmd, args)
}

/// This test process's program name as `/proc` gives it (at most 15 bytes): what phananh
/// names it by when it says which processes hold a file.
pub fn this_program() -> String {
    std::fs::read_to_string("/proc/self/comm")
        .unwrap()
        .trim_end()
        .to_owned()
}
