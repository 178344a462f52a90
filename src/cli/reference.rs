//! Reference data commands: `field`, `agency`, `staff` with add, list, import (and
//! `staff disable`). Imports are all-or-nothing: reference data is small, and a half-loaded
//! agency tree is worse than none. Every change is an event.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rusqlite::Connection;
use serde::Serialize;

use super::ImportArgs;
use crate::Localized;
use crate::app::Context;
use crate::app::reference::{import_agencies, import_fields, import_staff, log_change, read_table};
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::text::nfc;
use crate::output::{Lang, Listing, render};
use crate::storage::reference::{self, Agency, Field, Staff};
use crate::storage::tx::immediate;

#[derive(Debug, Subcommand)]
pub enum FieldCommand {
    /// Add a field, or change its name and keywords.
    #[command(
        after_help = "Example:\n  phananh --as admin field add GT --name \"Giao thông\" --keywords \"ổ gà,đường hư,kẹt xe\""
    )]
    Add(FieldAddArgs),
    /// List fields with their keywords.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan field list")]
    List,
    /// Load fields from a CSV file with columns code,name,keywords.
    #[command(after_help = "Example:\n  phananh --as admin field import examples/fields.csv")]
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct FieldAddArgs {
    /// Short code, e.g. GT.
    pub code: String,
    /// Name, e.g. "Giao thông".
    #[arg(long, allow_hyphen_values = true)]
    pub name: String,
    /// Keywords for `classify --suggest`, comma-separated; diacritics optional when matching.
    #[arg(long, default_value = "")]
    pub keywords: String,
}

#[derive(Debug, Subcommand)]
pub enum AgencyCommand {
    /// Add an agency, or change it.
    #[command(
        after_help = "Example:\n  phananh --as admin agency add SXD --name \"Sở Xây dựng tỉnh Cà Mau\" --level province"
    )]
    Add(AgencyAddArgs),
    /// List agencies: province level first, then districts (before July 2025), communes.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan agency list --format csv")]
    List,
    /// Load agencies from a CSV file with columns code,name,level,parent.
    #[command(after_help = "Example:\n  phananh --as admin agency import examples/agencies.csv")]
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct AgencyAddArgs {
    /// Short code, e.g. SXD, or a commune's official code, e.g. 32002.
    pub code: String,
    #[arg(long, allow_hyphen_values = true)]
    pub name: String,
    /// province, district (units abolished on 1 July 2025, for older data) or commune.
    #[arg(long, value_parser = ["province", "district", "commune"])]
    pub level: String,
    /// The agency above it.
    #[arg(long)]
    pub parent: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add an account, or change it.
    #[command(
        after_help = "Example:\n  phananh --as admin staff add xuly.sxd.hung --name \"Trần Văn Hùng\" --role handler --agency SXD"
    )]
    Add(StaffAddArgs),
    /// List accounts.
    #[command(after_help = "Example:\n  phananh --as admin staff list")]
    List,
    /// Load accounts from a CSV file with columns username,name,role,agency.
    #[command(after_help = "Example:\n  phananh --as admin staff import examples/staff.csv")]
    Import(ImportArgs),
    /// Disable an account: it can no longer act, and stays in the audit log.
    #[command(after_help = "Example:\n  phananh --as admin staff disable tiepnhan.khang")]
    Disable(DisableArgs),
}

#[derive(Debug, Args)]
pub struct StaffAddArgs {
    /// Login name, e.g. tiepnhan.lan.
    pub username: String,
    #[arg(long, allow_hyphen_values = true)]
    pub name: String,
    /// admin, reception, handler, leader or auditor.
    #[arg(long, value_parser = ["admin", "reception", "handler", "leader", "auditor"])]
    pub role: String,
    /// The agency (required for handlers).
    #[arg(long)]
    pub agency: Option<String>,
}

#[derive(Debug, Args)]
pub struct DisableArgs {
    pub username: String,
}

impl Listing for Field {
    const KEYS: &'static [&'static str] = &["code", "name", "keywords"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec!["Mã", "Lĩnh vực", "Từ khóa"],
            Lang::En => vec!["Code", "Name", "Keywords"],
        }
    }
    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![
            self.code.clone(),
            self.name.clone(),
            self.keywords.join(", "),
        ]
    }
}

/// Fields as CSV rows: keywords joined, since CSV has no lists.
#[derive(Serialize)]
struct FieldRow<'a> {
    code: &'a str,
    name: &'a str,
    keywords: String,
}

impl Listing for Agency {
    const KEYS: &'static [&'static str] = &["code", "name", "level", "parent"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec!["Mã", "Cơ quan", "Cấp", "Trực thuộc"],
            Lang::En => vec!["Code", "Name", "Level", "Parent"],
        }
    }
    fn cells(&self, lang: Lang) -> Vec<String> {
        let level = match (lang, self.level.as_str()) {
            (Lang::Vi, "province") => "tỉnh",
            (Lang::Vi, "district") => "huyện (trước 7/2025)",
            (Lang::Vi, "commune") => "xã/phường",
            (_, other) => other,
        };
        vec![
            self.code.clone(),
            self.name.clone(),
            level.to_owned(),
            self.parent.clone().unwrap_or_default(),
        ]
    }
}

impl Listing for Staff {
    const KEYS: &'static [&'static str] = &["username", "name", "role", "agency", "active"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec!["Tài khoản", "Họ tên", "Vai trò", "Cơ quan", "Hoạt động"],
            Lang::En => vec!["Username", "Name", "Role", "Agency", "Active"],
        }
    }
    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.username.clone(),
            self.name.clone(),
            self.role.clone(),
            self.agency.clone().unwrap_or_default(),
            lang.yes_no(self.active).to_owned(),
        ]
    }
}

fn admin_connection(ctx: &Context) -> Result<(Connection, String)> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::ManageReference, None)?;
    Ok((conn, actor.username))
}

fn reader_connection(ctx: &Context) -> Result<Connection> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Read, None)?;
    Ok(conn)
}

pub fn cmd_field(ctx: &Context, cmd: FieldCommand) -> Result<u8> {
    match cmd {
        FieldCommand::Add(args) => {
            let (conn, actor) = admin_connection(ctx)?;
            let code = args.code.trim().to_owned();
            let row = vec![code.clone(), nfc(args.name.trim()), args.keywords];
            import_fields(&conn, ctx, &actor, &[(0, row)])?;
            ctx.status(
                &format!("Đã lưu lĩnh vực {code}."),
                &format!("field {code} saved"),
            );
        }
        FieldCommand::List => {
            let conn = reader_connection(ctx)?;
            list_fields(ctx, &reference::fields(&conn)?)?;
        }
        FieldCommand::Import(args) => {
            let (conn, actor) = admin_connection(ctx)?;
            let rows = read_table(&args.file, &["code", "name", "keywords"], 2)?;
            let count = import_fields(&conn, ctx, &actor, &rows)?;
            ctx.status(
                &format!("Đã nạp {count} lĩnh vực."),
                &format!("{count} fields imported"),
            );
        }
    }
    Ok(crate::exit::OK)
}

fn list_fields(ctx: &Context, fields: &[Field]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if ctx.format == crate::output::Format::Csv {
        let mut w = crate::output::SafeCsv::new(&mut out);
        for f in fields {
            w.serialize(&FieldRow {
                code: &f.code,
                name: &f.name,
                keywords: f.keywords.join(", "),
            })?;
        }
        w.flush()?;
        return Ok(());
    }
    render(&mut out, fields, ctx.format, ctx.lang)
}

pub fn cmd_agency(ctx: &Context, cmd: AgencyCommand) -> Result<u8> {
    match cmd {
        AgencyCommand::Add(args) => {
            let (conn, actor) = admin_connection(ctx)?;
            let row = vec![
                args.code.trim().to_owned(),
                nfc(args.name.trim()),
                args.level,
                args.parent.unwrap_or_default(),
            ];
            import_agencies(&conn, ctx, &actor, &[(0, row)])?;
            ctx.status(
                &format!("Đã lưu cơ quan {}.", args.code),
                &format!("agency {} saved", args.code),
            );
        }
        AgencyCommand::List => {
            let conn = reader_connection(ctx)?;
            render(
                &mut std::io::stdout().lock(),
                &reference::agencies(&conn)?,
                ctx.format,
                ctx.lang,
            )?;
        }
        AgencyCommand::Import(args) => {
            let (conn, actor) = admin_connection(ctx)?;
            let rows = read_table(&args.file, &["code", "name", "level", "parent"], 3)?;
            let count = import_agencies(&conn, ctx, &actor, &rows)?;
            ctx.status(
                &format!("Đã nạp {count} cơ quan."),
                &format!("{count} agencies imported"),
            );
        }
    }
    Ok(crate::exit::OK)
}

pub fn cmd_staff(ctx: &Context, cmd: StaffCommand) -> Result<u8> {
    match cmd {
        StaffCommand::Add(args) => {
            let (conn, actor) = admin_connection(ctx)?;
            let row = vec![
                args.username.trim().to_owned(),
                nfc(args.name.trim()),
                args.role,
                args.agency.unwrap_or_default(),
            ];
            import_staff(&conn, ctx, &actor, &[(0, row)])?;
            ctx.status(
                &format!("Đã lưu tài khoản {}.", args.username),
                &format!("account {} saved", args.username),
            );
        }
        StaffCommand::List => {
            let conn = reader_connection(ctx)?;
            render(
                &mut std::io::stdout().lock(),
                &reference::staff(&conn)?,
                ctx.format,
                ctx.lang,
            )?;
        }
        StaffCommand::Import(args) => {
            let (conn, actor) = admin_connection(ctx)?;
            let rows = read_table(&args.file, &["username", "name", "role", "agency"], 3)?;
            let count = import_staff(&conn, ctx, &actor, &rows)?;
            ctx.status(
                &format!("Đã nạp {count} tài khoản."),
                &format!("{count} accounts imported"),
            );
        }
        StaffCommand::Disable(args) => {
            let (conn, actor) = admin_connection(ctx)?;
            if args.username == actor {
                bail!(Localized::new(
                    "Không thể tự khóa tài khoản đang dùng; nhờ một quản trị viên khác.",
                    "you cannot disable the account you are acting as; ask another admin",
                ));
            }
            let tx = immediate(&conn)?;
            if !reference::set_staff_active(&tx, &args.username, false)? {
                bail!(Localized::new(
                    format!(
                        "Không có tài khoản \"{}\"; xem `phananh staff list`.",
                        args.username
                    ),
                    format!(
                        "there is no account \"{}\"; see `phananh staff list`",
                        args.username
                    ),
                ));
            }
            log_change(
                &tx,
                ctx,
                &actor,
                EventKind::StaffDisable,
                serde_json::json!({ "username": args.username }),
            )?;
            tx.commit()?;
            ctx.status(
                &format!("Đã khóa tài khoản {}.", args.username),
                &format!("account {} disabled", args.username),
            );
        }
    }
    Ok(crate::exit::OK)
}
