//! The command line: argument structs (their doc comments are the `--help`), the shared
//! context every command receives, and the dispatcher. One file per command group.

mod audit;
mod backup;
mod calendar;
mod deadlines;
mod demo;
mod export;
mod ingest;
mod init;
pub mod play;
mod reference;
mod report;
mod report_html;
mod route;
mod services;
mod settings;
mod shell;
mod show;
mod sweep;
mod triage;
mod validate;
mod workflow;

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand};
use rusqlite::Connection;

use crate::Localized;
use crate::domain::access::{self, Actor, Operation, Refusal, Target};
use crate::domain::report::Report;
use crate::domain::time::{self, Timestamp};
use crate::output::{Format, Lang};
use crate::storage::{self, events, reports};

/// phananh — tiếp nhận, xử lý phản ánh hiện trường tỉnh Cà Mau (QĐ 17/2022/QĐ-UBND).
///
/// Administration tool of the province's on-the-spot report system: ingest reports from the
/// app, validate, classify, dispatch, record agencies' replies, verify, publish, and keep an
/// append-only, hash-chained audit log of every step. Start with `phananh demo`.
#[derive(Debug, Parser)]
#[command(
    name = "phananh",
    version,
    max_term_width = 100,
    after_help = "Examples:
  phananh demo                                          build phananh-demo.sqlite and play it
  phananh init --admin admin                            a new, empty database
  phananh --as tiepnhan.lan ingest export.csv           load the app's export
  phananh --as tiepnhan.lan validate                    accept or reject what came in
  phananh --as tiepnhan.lan classify --suggest --apply  classify by keywords
  phananh --as tiepnhan.lan assign 42 --agency SXD      dispatch
  phananh --as xuly.sxd.hung reply 42 --text \"Đã vá\"    the agency's result
  phananh --as tiepnhan.lan list --status replied       what waits for review
  phananh --as tiepnhan.lan show ext:CMG-2026-000123    one report, by app id"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The database file [default: phananh.sqlite; phananh-demo.sqlite for `demo`].
    #[arg(long, global = true, env = "PHANANH_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The account acting (staff username); every change is logged under it.
    #[arg(long = "as", global = true, env = "PHANANH_USER", value_name = "USER")]
    pub user: Option<String>,
    /// The tool's clock, RFC 3339 (for replay, backfill and tests) [default: the real time].
    #[arg(long, global = true, env = "PHANANH_NOW", value_name = "TIME")]
    pub now: Option<String>,
    /// How listings are printed.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Language of messages and tables: vi (Vietnamese) or en (English).
    #[arg(long, global = true, value_enum, default_value_t = Lang::Vi, env = "PHANANH_LANG")]
    pub lang: Lang,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database and its first admin account.
    #[command(
        after_help = "Example:\n  phananh --db /srv/phananh/phananh.sqlite init --admin admin"
    )]
    Init(init::InitArgs),
    /// Build a demo database from the shipped examples and play Aug–Oct 2026 through it.
    Demo(demo::DemoArgs),
    /// Fields (lĩnh vực) that reports are classified into.
    #[command(subcommand)]
    Field(reference::FieldCommand),
    /// Agencies that handle reports (provincial departments, communes and wards).
    #[command(subcommand)]
    Agency(reference::AgencyCommand),
    /// Staff accounts and their roles.
    #[command(subcommand)]
    Staff(reference::StaffCommand),
    /// Open311 GeoReport v2 service codes and the fields they mean (ingest and export).
    #[command(subcommand)]
    Service(services::ServiceCommand),
    /// Load reports exported by the app (CSV, JSON Lines, a JSON array, or Open311 GeoReport v2).
    #[command(
        after_help = "Examples:\n  phananh --as tiepnhan.lan ingest export-2026-10-05.csv reports.jsonl\n  phananh --as tiepnhan.lan ingest --validate export-2026-10-05.csv   store and check in one pass"
    )]
    Ingest(ingest::IngestArgs),
    /// Check received reports for completeness (Đ6) and accept or reject them.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan validate")]
    Validate(validate::ValidateArgs),
    /// Set a report's field, or suggest fields from keywords.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan classify 41 --field GT")]
    Classify(workflow::ClassifyArgs),
    /// Send a report to the agency that must handle it (Đ7.1.b).
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan assign 41 --agency SXD --urgent")]
    Assign(workflow::AssignArgs),
    /// Answer a report directly from the portal (Đ7.1.b, second paragraph).
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan answer 42 --text \"Đề nghị liên hệ Tổng đài 1022\""
    )]
    Answer(workflow::TextArgs),
    /// Mark a report as touching state secrets (Đ9.3): never public afterwards.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan mark 43 --state-secret")]
    Mark(workflow::MarkArgs),
    /// Hand a report back to the portal: not this agency's jurisdiction (Đ8.1.b).
    #[command(
        after_help = "Example:\n  phananh --as xuly.sxd.hung return 41 --reason \"Thuộc thẩm quyền UBND phường An Xuyên\""
    )]
    Return(workflow::ReasonArgs),
    /// Record the agency's result for a report (Đ8.1.c).
    #[command(
        after_help = "Example:\n  phananh --as xuly.sxd.hung reply 41 --text \"Đã vá ổ gà, cắm biển cảnh báo\""
    )]
    Reply(workflow::TextArgs),
    /// Check an agency's result: approve it or send it back for rework (Đ9.1).
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan verify 41 --send-back --reason \"Chưa có ảnh sau xử lý\""
    )]
    Verify(workflow::VerifyArgs),
    /// Publish a verified result, or send it privately when confidential (Đ9.2–9.4).
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan publish 41")]
    Publish(workflow::IdArgs),
    /// Record the citizen's rating, 1 to 5 (Đ10).
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan rate 41 --score 5")]
    Rate(workflow::RateArgs),
    /// Merge a report into an earlier one about the same thing.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan duplicate 44 --of 41")]
    Duplicate(workflow::DuplicateArgs),
    /// Show one report with its history.
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan show ext:CMG-2026-000123 --format json"
    )]
    Show(show::ShowArgs),
    /// List reports, urgent first, with filters.
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan list --status assigned --urgent --overdue"
    )]
    List(show::ListArgs),
    /// The audit log: one report's events, or a check of the whole chain.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// The working calendar deadlines are counted in: days off, working days, deadlines.
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// Remind of deadlines due soon or past (run by cron; Đ13.3).
    Sweep(sweep::SweepArgs),
    /// Periodic reports to the People's Committee: month, quarter, half-year, year (Đ13.6).
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Yearly emulation scores of the agencies, as CSV for Home Affairs (Đ13.7, Đ14).
    Score(report::ScoreArgs),
    /// The reception desk's queue on a terminal: check, classify, dispatch, one report at a time.
    Triage(triage::TriageArgs),
    /// The routing table: which agency a field (and commune) goes to (Đ7.1.b).
    #[command(subcommand)]
    Route(route::RouteCommand),
    /// Public and staff exports: Open311 GeoReport v2 JSON, CSV.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Copy the database while others keep working (SQLite's online backup).
    Backup(backup::BackupArgs),
    /// Replace the database by a backup that passes the integrity and audit checks.
    Restore(backup::RestoreArgs),
    /// Shell completions for bash, zsh or fish.
    Completions(shell::CompletionsArgs),
    /// The manual page, generated from the same definitions as --help.
    Man(shell::ManArgs),
    /// The province's readings of the regulation ([choice] in SPEC.md) and their values.
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
}

/// What every command receives.
#[derive(Debug, Clone)]
pub struct Context {
    pub db: Option<PathBuf>,
    pub user: Option<String>,
    pub now: Timestamp,
    pub format: Format,
    pub lang: Lang,
}

impl Context {
    pub fn from_args(global: &GlobalArgs) -> Result<Context> {
        let now = match &global.now {
            Some(text) => match time::parse(text) {
                Ok(Some(ts)) => ts,
                _ => bail!(Localized::new(
                    format!(
                        "--now \"{text}\" không phải thời điểm hợp lệ; dùng RFC 3339, ví dụ 2026-10-05T08:30:00+07:00."
                    ),
                    format!(
                        "--now \"{text}\" is not a valid time; use RFC 3339, e.g. 2026-10-05T08:30:00+07:00"
                    ),
                )),
            },
            None => chrono::Utc::now().with_timezone(&time::vietnam()),
        };
        Ok(Context {
            db: global.db.clone(),
            user: global.user.clone(),
            now,
            format: global.format,
            lang: global.lang,
        })
    }

    pub fn db_path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(|| PathBuf::from("phananh.sqlite"))
    }

    pub fn open(&self) -> Result<Connection> {
        let conn = storage::open(&self.db_path(), |from, to| self.upgrading(from, to))?;
        let rebuilt = deadlines::rebuild_if_missing(&conn)?;
        if rebuilt > 0 {
            self.status(
                &format!("Đã dựng lại {rebuilt} thời hạn từ nhật ký (cơ sở dữ liệu tạo trước khi có thời hạn)."),
                &format!("rebuilt {rebuilt} clocks from the log (the database predates clocks)"),
            );
        }
        Ok(conn)
    }

    /// Said before a schema migration, which rewrites tables and takes about half a minute
    /// on a database of a million reports.
    pub fn upgrading(&self, from: i64, to: i64) {
        self.status(
            &format!("Đang nâng lược đồ cơ sở dữ liệu từ phiên bản {from} lên {to} (một lần, sau khi cập nhật phananh)…"),
            &format!("upgrading the database schema from version {from} to {to} (once, after updating phananh)…"),
        );
    }

    pub fn now_text(&self) -> String {
        time::format(&self.now)
    }

    pub fn t<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(vi, en)
    }

    /// A status line on stderr, in the chosen language.
    pub fn status(&self, vi: &str, en: &str) {
        eprintln!("{}", self.t(vi, en));
    }

    /// Loads the acting account named by `--as`. An unknown name is refused and logged.
    pub fn actor(&self, conn: &Connection) -> Result<Actor> {
        let Some(user) = &self.user else {
            bail!(Localized::new(
                "Chưa chỉ định tài khoản thực hiện; dùng --as TÊN hoặc biến môi trường PHANANH_USER.",
                "no acting account given; use --as USER or set PHANANH_USER",
            ));
        };
        match crate::storage::reference::load_staff(conn, user)?
            .as_ref()
            .and_then(crate::storage::reference::actor)
        {
            Some(actor) => Ok(actor),
            None => {
                log_refusal(
                    conn,
                    user,
                    &self.now_text(),
                    "login",
                    None,
                    "unknown account",
                )?;
                bail!(Localized::new(
                    format!(
                        "Không có tài khoản \"{user}\"; xem `phananh staff list` hoặc nhờ quản trị viên thêm."
                    ),
                    format!(
                        "there is no account \"{user}\"; see `phananh staff list` or ask an admin to add it"
                    ),
                ))
            }
        }
    }

    /// Checks `operation` for `actor` outside any transaction; a refusal is logged, then
    /// returned as the error.
    pub fn authorize(
        &self,
        conn: &Connection,
        actor: &Actor,
        operation: Operation,
        report: Option<&Report>,
    ) -> Result<()> {
        access::authorize(actor, operation, report.map(Target::from))
            .map_err(|refusal| self.log_refused(conn, actor, operation, report, &refusal))
    }

    /// Records a refusal (outside any open transaction) and turns it into the error to
    /// return. If even the log cannot be written, that failure is what the user sees.
    pub fn log_refused(
        &self,
        conn: &Connection,
        actor: &Actor,
        operation: Operation,
        report: Option<&Report>,
        refusal: &Refusal,
    ) -> anyhow::Error {
        match log_refusal(
            conn,
            &actor.username,
            &self.now_text(),
            operation.as_str(),
            report,
            &refusal.to_string(),
        ) {
            Ok(()) => refused(refusal).into(),
            Err(e) => e.context("recording a refused action"),
        }
    }
}

pub fn refused(refusal: &Refusal) -> Localized {
    Localized::new(
        format!("Bị từ chối: {}", refusal.vietnamese()),
        format!("refused: {refusal}"),
    )
}

/// Writes a `refused` event in a transaction of its own: the refused command itself changed
/// nothing, but the attempt is on record (SPEC §2 roles).
fn log_refusal(
    conn: &Connection,
    user: &str,
    at: &str,
    operation: &str,
    report: Option<&Report>,
    reason: &str,
) -> Result<()> {
    let tx = immediate(conn)?;
    // The report as it is now, under the lock: another writer may have changed it since it
    // was read for the refused step, and the event seals the row as it stands.
    let current = match report {
        Some(r) => reports::load(&tx, r.id)?,
        None => None,
    };
    events::append(
        &tx,
        events::NewEvent {
            report_id: current.as_ref().map(|r| r.id),
            at,
            actor: user,
            action: "refused",
            from_status: current.as_ref().map(|r| r.status.as_str()),
            to_status: current.as_ref().map(|r| r.status.as_str()),
            payload: serde_json::json!({ "operation": operation, "reason": reason }).to_string(),
            report_hash: current.as_ref().map(Report::digest),
        },
    )?;
    tx.commit()?;
    Ok(())
}

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

/// Finds a report by number or `ext:APPID`.
pub fn resolve(conn: &Connection, reference: &str) -> Result<Report> {
    let reference = reference.trim();
    let id = if let Some(app_id) = reference.strip_prefix("ext:") {
        reports::id_of_external(conn, app_id)?
    } else {
        reference.parse::<i64>().ok().filter(|id| *id > 0)
    };
    match id {
        Some(id) => match reports::load(conn, id)? {
            Some(report) => Ok(report),
            None => bail!(not_found(reference)),
        },
        None if reference.starts_with("ext:") => bail!(not_found(reference)),
        None => bail!(Localized::new(
            format!(
                "\"{reference}\" không phải số phản ánh; dùng số do phananh cấp (xem `phananh list`) hoặc ext:MÃ_ỨNG_DỤNG."
            ),
            format!(
                "\"{reference}\" is not a report number; use the number phananh assigned (see `phananh list`) or ext:APPID"
            ),
        )),
    }
}

fn not_found(reference: &str) -> Localized {
    Localized::new(
        format!("Không tìm thấy phản ánh {reference}; xem `phananh list`."),
        format!("no report {reference}; see `phananh list`"),
    )
}

pub fn run(cli: Cli) -> Result<u8> {
    // Generated from the definitions alone: no database, no clock, no account.
    match &cli.command {
        Command::Completions(args) => return shell::cmd_completions(args),
        Command::Man(args) => return shell::cmd_man(args),
        _ => {}
    }
    let ctx = Context::from_args(&cli.global)?;
    if ctx.format == Format::Html && !matches!(cli.command, Command::Report(_)) {
        // Refused before anything is done, not after a step was already recorded.
        bail!(crate::output::html_only_for_reports());
    }
    match cli.command {
        Command::Init(args) => init::cmd_init(&ctx, &args),
        Command::Demo(args) => demo::cmd_demo(&ctx, &args),
        Command::Field(cmd) => reference::cmd_field(&ctx, cmd),
        Command::Agency(cmd) => reference::cmd_agency(&ctx, cmd),
        Command::Staff(cmd) => reference::cmd_staff(&ctx, cmd),
        Command::Service(cmd) => services::cmd_service(&ctx, cmd),
        Command::Ingest(args) => ingest::cmd_ingest(&ctx, &args),
        Command::Validate(args) => validate::cmd_validate(&ctx, &args),
        Command::Classify(args) => workflow::cmd_classify(&ctx, &args),
        Command::Assign(args) => workflow::cmd_assign(&ctx, &args),
        Command::Answer(args) => workflow::cmd_answer(&ctx, &args),
        Command::Mark(args) => workflow::cmd_mark(&ctx, &args),
        Command::Return(args) => workflow::cmd_return(&ctx, &args),
        Command::Reply(args) => workflow::cmd_reply(&ctx, &args),
        Command::Verify(args) => workflow::cmd_verify(&ctx, &args),
        Command::Publish(args) => workflow::cmd_publish(&ctx, &args),
        Command::Rate(args) => workflow::cmd_rate(&ctx, &args),
        Command::Duplicate(args) => workflow::cmd_duplicate(&ctx, &args),
        Command::Show(args) => show::cmd_show(&ctx, &args),
        Command::List(args) => show::cmd_list(&ctx, &args),
        Command::Audit(cmd) => audit::cmd_audit(&ctx, cmd),
        Command::Settings(cmd) => settings::cmd_settings(&ctx, cmd),
        Command::Calendar(cmd) => calendar::cmd_calendar(&ctx, cmd),
        Command::Sweep(args) => sweep::cmd_sweep(&ctx, &args),
        Command::Report(cmd) => report::cmd_report(&ctx, cmd),
        Command::Score(args) => report::cmd_score(&ctx, &args),
        Command::Export(cmd) => export::cmd_export(&ctx, cmd),
        Command::Route(cmd) => route::cmd_route(&ctx, cmd),
        Command::Triage(args) => triage::cmd_triage(&ctx, &args),
        Command::Backup(args) => backup::cmd_backup(&ctx, &args),
        Command::Restore(args) => backup::cmd_restore(&ctx, &args),
        Command::Completions(_) | Command::Man(_) => unreachable!("handled before the context"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
