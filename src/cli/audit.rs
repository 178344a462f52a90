//! `audit log ID` and `audit verify`: reading the append-only event log and checking that
//! nothing in the file was changed behind the tool's back (docs/rules.md §2 [choice]; Đ11);
//! `audit reveals`: who saw whose identity (Law 91/2025/QH15 accountability).
//! Reading and checking are `app::history`'s and `app::audit`'s; this prints them.

use anyhow::Result;
use clap::{Args, Subcommand};
use indicatif::ProgressBar;

use std::path::PathBuf;

use crate::app::Context;
use crate::app::audit::verify;
use crate::app::checkpoint;
use crate::app::history;
use crate::domain::reveals::Access;
use crate::i18n::{Bilingual, Lang};
use crate::i18n::{Localized, count_en};
use crate::output::show::EventRow;
use crate::output::{Format, Listing, render};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print every event of one report, oldest first; without a report, the events about
    /// no report (accounts, settings, calendar, full exports, backups, restores). The table
    /// names actions and statuses in words; --format csv or json gives the stored values
    /// the seal is computed over.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan audit log ext:CMG-2026-000123")]
    Log(LogArgs),
    /// Check the whole hash chain, every report row, every row of the tables that decide
    /// who may act and what is counted, and every clock; exits 5 and names the first bad
    /// event or row if anything was altered outside phananh. Opens the file read-only.
    #[command(after_help = "Examples:
  phananh --as noivu.thao audit verify
  phananh --as noivu.thao audit verify --checkpoint head-2026-12-01.json \\
      --pubkey phananh-audit.key.pub")]
    Verify(VerifyArgs),
    /// Write a minisign key pair without a passphrase: the secret key to FILE (mode 0600),
    /// the public key to FILE.pub. Keep the public key off the machine.
    #[command(after_help = "Example:\n  phananh audit keygen --out /etc/phananh/audit.key")]
    Keygen(KeygenArgs),
    /// Verify the chain, then write its head (last event id and hash, time, counts) to FILE
    /// and its minisign signature to FILE.minisig.
    #[command(
        after_help = "Example:\n  phananh --as cron.tiepnhan audit checkpoint --key /etc/phananh/audit.key \\\n      --out /srv/checkpoints/head-$(date +%F).json"
    )]
    Checkpoint(CheckpointArgs),
    /// Who saw whose identity, when and why: every reveal (`show --reveal`) and full export
    /// (`export csv`), for the inspector and for a reporter's own request; never the
    /// identity itself. Admin and auditor.
    #[command(after_help = "Examples:
  phananh --as noivu.thao audit reveals --from 2026-10-01 --to 2026-12-31
  phananh --as noivu.thao --format csv audit reveals \\
      --report ext:CMG-2026-000123")]
    Reveals(RevealsArgs),
}

#[derive(Debug, Args)]
pub struct RevealsArgs {
    /// Only what showed this report's reporter (number, or ext:APPID): its reveals and the
    /// full exports that held it.
    #[arg(long, value_name = "ID")]
    pub report: Option<String>,
    /// Only what happened on or after this date (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_parser = super::date_value)]
    pub from: Option<chrono::NaiveDate>,
    /// Only what happened on or before this date.
    #[arg(long, value_parser = super::date_value)]
    pub to: Option<chrono::NaiveDate>,
}

impl Listing for Access {
    const KEYS: &'static [&'static str] = &[
        "event",
        "at",
        "actor",
        "login",
        "action",
        "report_id",
        "rows",
        "from",
        "to",
        "out",
        "reason",
        "lookup",
        "reports",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Sự kiện",
                "Lúc",
                "Người xem",
                "Tên đăng nhập",
                "Việc",
                "Phản ánh",
                "Số phản ánh",
                "Từ ngày",
                "Đến ngày",
                "Tệp",
                "Lý do",
            ],
            vec![
                "Event", "At", "Who", "Login", "What", "Report", "Reports", "From", "To", "File",
                "Reason",
            ],
        )
    }

    /// Tables speak as officials do (times `dd/mm/yyyy HH:MM` in Vietnamese, actions in
    /// words); CSV and JSON keep the stored values.
    fn cells(&self, lang: Lang) -> Vec<String> {
        let date = |d: &Option<String>| match d
            .as_deref()
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
        {
            Some(d) => d.format(lang.pick("%d/%m/%Y", "%Y-%m-%d")).to_string(),
            None => "—".to_owned(),
        };
        vec![
            self.event.to_string(),
            crate::output::when(&self.at, lang),
            self.actor.clone(),
            self.login.clone().unwrap_or_default(),
            match self.lookup.as_deref() {
                Some("phone") => lang
                    .pick("Tìm theo số điện thoại", "Lookup by phone")
                    .to_owned(),
                _ => self.action.text(lang).into_owned(),
            },
            match (&self.report_id, &self.reports) {
                (Some(id), _) => id.to_string(),
                (None, Some(found)) => found
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                (None, None) => String::new(),
            },
            self.rows.map(|r| r.to_string()).unwrap_or_default(),
            if self.report_id.is_some() || self.lookup.is_some() {
                String::new()
            } else {
                date(&self.from)
            },
            if self.report_id.is_some() || self.lookup.is_some() {
                String::new()
            } else {
                date(&self.to)
            },
            self.out.clone().unwrap_or_default(),
            self.reason.clone().unwrap_or_else(|| {
                lang.pick("(không ghi lý do)", "(no reason recorded)")
                    .to_owned()
            }),
        ]
    }

    /// Narrow screens keep when, who, what, whose and why.
    fn drop_order() -> Vec<usize> {
        vec![9, 3, 0, 7, 8, 6]
    }
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A checkpoint written by `audit checkpoint` (repeatable): the chain must still hold
    /// its event with its hash, and its FILE.minisig must hold under a --pubkey.
    #[arg(long, value_name = "FILE", requires = "pubkey")]
    pub checkpoint: Vec<PathBuf>,
    /// A minisign public key the checkpoints are signed with (repeatable).
    #[arg(long, value_name = "KEY.pub")]
    pub pubkey: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the secret key (a new file); the public key goes to FILE.pub.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckpointArgs {
    /// The secret key written by `audit keygen`.
    #[arg(long, value_name = "KEY")]
    pub key: PathBuf,
    /// Where to write the checkpoint (a new file); its signature goes to FILE.minisig.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Print nothing but errors (for cron, which mails whatever a job prints).
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Report number, or ext:APPID. Left out: the events about no report (accounts,
    /// settings, calendar, full exports, backups, restores).
    pub id: Option<String>,
}

impl Listing for EventRow {
    const KEYS: &'static [&'static str] = &[
        "id",
        "at",
        "actor",
        "action",
        "from",
        "to",
        "payload",
        "hash",
        "login",
        "recorded_at",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec![
                "Sự kiện",
                "Lúc",
                "Người thực hiện",
                "Hành động",
                "Từ",
                "Sang",
                "Chi tiết",
                "Mã băm",
                "Tên đăng nhập",
                "Ghi lúc",
            ],
            vec![
                "Id",
                "At",
                "Actor",
                "Action",
                "From",
                "To",
                "Payload",
                "Hash",
                "Login",
                "Recorded at",
            ],
        )
    }
    fn cells(&self, lang: Lang) -> Vec<String> {
        self.audit_cells(lang)
    }

    /// The seal's digits, the system clock, the login and the recorded statuses go before
    /// what was done, when, by whom and with what.
    fn drop_order() -> Vec<usize> {
        vec![7, 9, 8, 4, 0, 5]
    }
}

pub fn cmd_audit(ctx: &Context, cmd: AuditCommand) -> Result<u8> {
    match cmd {
        AuditCommand::Reveals(args) => {
            let found = history::reveals(ctx, args.report.as_deref(), args.from, args.to)?;
            render(
                &mut std::io::stdout().lock(),
                &found.lines,
                ctx.format,
                ctx.lang,
            )?;
            match unheld_failure(&found.unheld).or_else(|| broken_failure(found.broken)) {
                Some(failure) => Err(failure.into()),
                None => Ok(crate::exit::OK),
            }
        }
        AuditCommand::Log(args) => {
            let rows = match &args.id {
                Some(id) => history::of_report(ctx, id)?,
                None => history::of_no_report(ctx)?,
            };
            render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
            Ok(crate::exit::OK)
        }
        AuditCommand::Keygen(args) => {
            let public = checkpoint::keygen(&args.out)?;
            ctx.status(
                &format!(
                    "Đã tạo khóa bí mật {} và khóa công khai {}; hãy giữ khóa công khai ở nơi khác máy này.",
                    args.out.display(),
                    public.display()
                ),
                &format!(
                    "wrote the secret key {} and the public key {}; keep the public key off this machine",
                    args.out.display(),
                    public.display()
                ),
            );
            Ok(crate::exit::OK)
        }
        AuditCommand::Checkpoint(args) => {
            let head = checkpoint::checkpoint(ctx, &args.key, &args.out)?;
            if args.quiet {
                return Ok(crate::exit::OK);
            }
            ctx.status(
                &format!(
                    "Đã ký điểm kiểm tra {}: sự kiện {} (mã băm {}), {} sự kiện, {} phản ánh; chữ ký ở {}.",
                    args.out.display(),
                    head.event,
                    head.hash,
                    head.events,
                    head.reports,
                    checkpoint::signature_path(&args.out).display()
                ),
                &format!(
                    "signed checkpoint {}: event {} (hash {}), {}, {}; signature in {}",
                    args.out.display(),
                    head.event,
                    head.hash,
                    count_en(head.events, "event", "events"),
                    count_en(head.reports, "report", "reports"),
                    checkpoint::signature_path(&args.out).display()
                ),
            );
            Ok(crate::exit::OK)
        }
        AuditCommand::Verify(args) => {
            let conn = history::open_for_verify(ctx)?;
            let keys = checkpoint::public_keys(&args.pubkey)?;
            if let Some(problem) = checkpoint::first_lost(&conn, &args.checkpoint, &keys)? {
                return Err(crate::exit::Failure::integrity(broken(&problem)).into());
            }
            // One tick per event sealed, then one per report row checked.
            let bar = if crate::output::watching() {
                crate::output::progress(
                    history::verify_steps(&conn)?,
                    ctx.lang
                        .pick("Kiểm tra chuỗi kiểm toán", "Verifying the audit chain"),
                )
            } else {
                ProgressBar::hidden()
            };
            let (mut outcome, mut problem) = verify(&conn, &bar)?;
            bar.finish_and_clear();
            crate::app::audit::check_identity_keys(ctx, &conn, &mut outcome, &mut problem)?;
            let out = &mut std::io::stdout().lock();
            if ctx.format == Format::Json {
                crate::output::write_json(out, &outcome)?;
                std::io::Write::write_all(out, b"\n")?;
            }
            match problem {
                None => {
                    ctx.status(
                        &format!("Chuỗi kiểm toán nguyên vẹn: {} sự kiện, {} phản ánh, {} dòng của các bảng được niêm phong, {} thời hạn.", outcome.events_checked, outcome.reports_checked, outcome.table_rows_checked, outcome.clocks_checked),
                        &format!(
                            "audit chain intact: {}, {}, {} of sealed tables, {}",
                            count_en(outcome.events_checked, "event", "events"),
                            count_en(outcome.reports_checked, "report", "reports"),
                            count_en(outcome.table_rows_checked, "row", "rows"),
                            count_en(outcome.clocks_checked, "clock", "clocks"),
                        ),
                    );
                    // Not "whole": a cut end of the log leaves every seal and link holding.
                    if args.checkpoint.is_empty()
                        && let Some((event, hash)) = checkpoint::head(&conn)?
                    {
                        ctx.status(
                            &format!("Không có điểm kiểm tra đã ký giữ ở nơi khác (--checkpoint) nên không thấy được các sự kiện mới nhất bị xóa khỏi cuối nhật ký: sự kiện cuối ở đây là {event} (mã băm {hash}); xem SECURITY.md."),
                            &format!("without a signed checkpoint kept elsewhere (--checkpoint), events deleted from the end of the log cannot be seen: the last event here is {event} (hash {hash}); see SECURITY.md"),
                        );
                    }
                    if let Some(why) = &outcome.identity_keys_unchecked {
                        ctx.status(
                            &format!("Không kiểm tra được khóa riêng của từng phản ánh (cần tệp khóa): {why}"),
                            &format!("the reports' own keys were not checked (the key file is needed): {why}"),
                        );
                    }
                    if !outcome.tables_unsealed.is_empty() {
                        let tables = outcome.tables_unsealed.join(", ");
                        ctx.status(
                            &format!("Chưa được niêm phong nên chưa kiểm tra được (cơ sở dữ liệu tạo trước khi có niêm phong): {tables}."),
                            &format!("not sealed, so not checked (the database predates sealing): {tables}"),
                        );
                    }
                    Ok(crate::exit::OK)
                }
                Some(problem) => Err(crate::exit::Failure::integrity(broken(&problem)).into()),
            }
        }
    }
}

fn broken(problem: &crate::domain::audit::ChainBreak) -> Localized {
    Localized::new(
        format!(
            "Chuỗi kiểm toán bị phá vỡ: {}. Hãy khôi phục tệp từ bản sao lưu và báo cho quản trị viên.",
            problem.vi()
        ),
        format!("audit chain broken: {problem}; restore the file from a backup and tell an admin"),
    )
}

/// The integrity failure (exit 5, after the list) of a chain that does not hold at an event
/// the list does not show: what was removed or changed there may have been a reveal, and
/// the list may lack it.
fn broken_failure(
    broken: Option<(i64, crate::domain::audit::ChainBreak)>,
) -> Option<crate::exit::Failure> {
    let (_, problem) = broken?;
    Some(crate::exit::Failure::integrity(
        crate::i18n::Localized::new(
            format!(
                "Chuỗi kiểm toán bị phá vỡ: {}. Một lần xem danh tính hay xuất toàn bộ bị xóa hoặc sửa ở đó sẽ không có trong danh sách trên, nên danh sách có thể thiếu. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                problem.vi()
            ),
            format!(
                "audit chain broken: {problem}; a reveal or a full export removed or changed there would be missing from the list above, which may be incomplete. Run `phananh audit verify` and tell an admin"
            ),
        ),
    ))
}

/// The integrity failure (exit 5, after the list) naming the listed events that do not hold
/// in the chain: they may say someone saw an identity who never did.
fn unheld_failure(
    unheld: &[(i64, crate::domain::audit::ChainBreak)],
) -> Option<crate::exit::Failure> {
    let ((_, problem), one) = (unheld.first()?, unheld.len() == 1);
    let ids: Vec<i64> = unheld.iter().map(|(id, _)| *id).collect();
    let list = crate::storage::journal::edited_named(&ids);
    Some(crate::exit::Failure::integrity(
        crate::i18n::Localized::new(
            format!(
                "{} {list} trong danh sách trên không đứng vững trong chuỗi kiểm toán (được thêm hoặc thay ngoài phananh; {}): {} có thể ghi một việc không ai làm, đừng dựa vào {}. Hãy chạy `phananh audit verify` và báo quản trị viên.",
                if one {
                    "Sự kiện"
                } else {
                    "Các sự kiện"
                },
                problem.vi(),
                if one { "nó" } else { "chúng" },
                if one { "nó" } else { "chúng" },
            ),
            format!(
                "{} {list} listed above {} not hold in the audit chain (appended or replaced outside phananh; {problem}): {} may record what nobody did, do not rely on {}. Run `phananh audit verify` and tell an admin",
                if one { "event" } else { "events" },
                if one { "does" } else { "do" },
                if one { "it" } else { "they" },
                if one { "it" } else { "them" },
            ),
        ),
    ))
}
