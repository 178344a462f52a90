//! `audit log ID` and `audit verify`: reading the append-only event log and checking that
//! nothing in the file was changed behind the tool's back (docs/rules.md §2 [choice]; Đ11).
//! Reading and checking are `app::history`'s and `app::audit`'s; this prints them.

use anyhow::Result;
use clap::{Args, Subcommand};
use indicatif::ProgressBar;

use crate::app::Context;
use crate::app::audit::verify;
use crate::app::history;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::show::EventRow;
use crate::output::{Format, Listing, render};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print every event of one report, oldest first.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan audit log ext:CMG-2026-000123")]
    Log(LogArgs),
    /// Check the whole hash chain and every report row; exits 1 and names the first bad
    /// event or row if anything was altered outside phananh.
    #[command(after_help = "Example:\n  phananh --as noivu.thao audit verify")]
    Verify,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Report number, or ext:APPID.
    pub id: String,
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
    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.at.clone(),
            self.actor.clone(),
            self.action.clone(),
            self.from.clone().unwrap_or_default(),
            self.to.clone().unwrap_or_default(),
            self.payload.clone().unwrap_or_default(),
            self.hash.iter().flat_map(|h| h.chars()).take(12).collect(),
            self.login.clone().unwrap_or_default(),
            self.recorded_at.clone().unwrap_or_default(),
        ]
    }
}

pub fn cmd_audit(ctx: &Context, cmd: AuditCommand) -> Result<u8> {
    match cmd {
        AuditCommand::Log(args) => {
            let rows = history::of_report(ctx, &args.id)?;
            render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
            Ok(crate::exit::OK)
        }
        AuditCommand::Verify => {
            let conn = history::open_for_verify(ctx)?;
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
            let (outcome, problem) = verify(&conn, &bar)?;
            bar.finish_and_clear();
            let out = &mut std::io::stdout().lock();
            if ctx.format == Format::Json {
                serde_json::to_writer_pretty(&mut *out, &outcome)?;
                std::io::Write::write_all(out, b"\n")?;
            }
            match problem {
                None => {
                    ctx.status(
                        &format!("Chuỗi kiểm toán nguyên vẹn: {} sự kiện, {} phản ánh.", outcome.events_checked, outcome.reports_checked),
                        &format!("audit chain intact: {} events, {} reports", outcome.events_checked, outcome.reports_checked),
                    );
                    Ok(crate::exit::OK)
                }
                Some(problem) => Err(Localized::new(
                    format!("Chuỗi kiểm toán bị phá vỡ: {problem}. Hãy khôi phục tệp từ bản sao lưu và báo cho quản trị viên."),
                    format!("audit chain broken: {problem}; restore the file from a backup and tell an admin"),
                )
                .into()),
            }
        }
    }
}
