//! Reference data commands: `field`, `agency`, `staff` with add, list, import (and
//! `staff disable`). Imports are all-or-nothing: reference data is small, and a half-loaded
//! agency tree is worse than none. Every change is an event.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rusqlite::Connection;
use serde::Serialize;

use crate::Localized;
use crate::app::Context;
use crate::domain::access::{Operation, Role};
use crate::domain::text::nfc;
use crate::output::{Lang, Listing, render};
use crate::storage::events;
use crate::storage::reference::{self, Agency, Field, Staff, split_keywords};
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

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A UTF-8 CSV file with a header line.
    pub file: PathBuf,
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

fn log_change(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    action: &str,
    payload: impl Serialize,
) -> Result<()> {
    events::append(
        conn,
        events::NewEvent {
            report_id: None,
            at: &ctx.now_text(),
            actor,
            action,
            from_status: None,
            to_status: None,
            payload: serde_json::to_string(&payload)?,
            report_hash: None,
        },
    )?;
    Ok(())
}

/// Reads a whole reference CSV into rows of strings keyed by the expected columns; any
/// problem is reported with its line, and nothing is loaded.
fn read_table(path: &Path, columns: &[&str], required: usize) -> Result<Vec<(u64, Vec<String>)>> {
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_string(&mut text))
        .map_err(|e| {
            Localized::new(
                format!("Không đọc được {} (cần tệp CSV UTF-8): {e}", path.display()),
                format!(
                    "cannot read {} (a UTF-8 CSV file is needed): {e}",
                    path.display()
                ),
            )
        })?;
    parse_table(&text, &path.display().to_string(), columns, required)
}

/// Parses reference CSV text: columns by header name, the first `required` of them must be
/// present and non-empty in every row.
pub fn parse_table(
    text: &str,
    name: &str,
    columns: &[&str],
    required: usize,
) -> Result<Vec<(u64, Vec<String>)>> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = csv.headers()?.clone();
    let positions: Vec<Option<usize>> = columns
        .iter()
        .map(|c| {
            header
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == *c)
        })
        .collect();
    if let Some(missing) = positions.iter().take(required).position(Option::is_none) {
        bail!(Localized::new(
            format!(
                "{name}: thiếu cột {}; cần các cột {}.",
                columns[missing],
                columns.join(",")
            ),
            format!(
                "{name}: no {} column; the columns are {}",
                columns[missing],
                columns.join(",")
            ),
        ));
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in csv.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            problems.push(format!(
                "{name}:{line}: expected {} fields, found {}",
                header.len(),
                record.len()
            ));
            continue;
        }
        let values: Vec<String> = positions
            .iter()
            .map(|p| {
                p.and_then(|i| record.get(i))
                    .map(|v| nfc(v.trim()))
                    .unwrap_or_default()
            })
            .collect();
        if let Some(empty) = values.iter().take(required).position(String::is_empty) {
            problems.push(format!("{name}:{line}: {} is empty", columns[empty]));
            continue;
        }
        rows.push((line, values));
    }
    refuse_if_any(&problems)?;
    Ok(rows)
}

/// All-or-nothing: any problem found in the rows refuses the whole import.
fn refuse_if_any(problems: &[String]) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    bail!(Localized::new(
        format!(
            "{}\nKhông nạp gì; sửa các dòng trên rồi nạp lại.",
            problems.join("\n")
        ),
        format!(
            "{}\nnothing was loaded; fix the lines above and try again",
            problems.join("\n")
        ),
    ))
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

pub fn import_fields(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    rows: &[(u64, Vec<String>)],
) -> Result<usize> {
    let tx = immediate(conn)?;
    for (_, v) in rows {
        let field = Field {
            code: v[0].clone(),
            name: v[1].clone(),
            keywords: split_keywords(&v[2]),
        };
        reference::upsert_field(&tx, &field)?;
        log_change(&tx, ctx, actor, "field_add", &field)?;
    }
    tx.commit()?;
    Ok(rows.len())
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

/// Stores agencies in one transaction; parents may come after their children in the file.
pub fn import_agencies(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    rows: &[(u64, Vec<String>)],
) -> Result<usize> {
    let mut problems = Vec::new();
    let codes: std::collections::HashSet<&str> = rows.iter().map(|(_, v)| v[0].as_str()).collect();
    for (line, v) in rows {
        if !matches!(v[2].as_str(), "province" | "district" | "commune") {
            problems.push(format!(
                "line {line}: level \"{}\" must be province, district or commune",
                v[2]
            ));
        }
        if !v[3].is_empty()
            && !codes.contains(v[3].as_str())
            && !reference::agency_exists(conn, &v[3])?
        {
            problems.push(format!("line {line}: parent \"{}\" is not an agency", v[3]));
        }
    }
    refuse_if_any(&problems)?;
    let tx = immediate(conn)?;
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    for (_, v) in rows {
        let agency = Agency {
            code: v[0].clone(),
            name: v[1].clone(),
            level: v[2].clone(),
            parent: (!v[3].is_empty()).then(|| v[3].clone()),
        };
        reference::upsert_agency(&tx, &agency)?;
        log_change(&tx, ctx, actor, "agency_add", &agency)?;
    }
    tx.commit()?;
    Ok(rows.len())
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
                "staff_disable",
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

/// Stores accounts in one transaction after checking roles and agencies.
pub fn import_staff(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    rows: &[(u64, Vec<String>)],
) -> Result<usize> {
    let mut problems = Vec::new();
    for (line, v) in rows {
        match Role::parse(&v[2]) {
            None => problems.push(format!(
                "line {line}: role \"{}\" must be admin, reception, handler, leader or auditor",
                v[2]
            )),
            Some(Role::Handler) if v[3].is_empty() => {
                problems.push(format!("line {line}: a handler needs an agency"))
            }
            _ => {}
        }
        if !v[3].is_empty() && !reference::agency_exists(conn, &v[3])? {
            problems.push(format!(
                "line {line}: agency \"{}\" does not exist (see `phananh agency list`)",
                v[3]
            ));
        }
    }
    refuse_if_any(&problems)?;
    let tx = immediate(conn)?;
    for (_, v) in rows {
        let staff = Staff {
            username: v[0].clone(),
            name: v[1].clone(),
            role: v[2].clone(),
            agency: (!v[3].is_empty()).then(|| v[3].clone()),
            active: true,
        };
        reference::upsert_staff(&tx, &staff)?;
        log_change(&tx, ctx, actor, "staff_add", &staff)?;
    }
    tx.commit()?;
    Ok(rows.len())
}
