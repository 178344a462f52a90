//! `service add|list|import`: the Open311 GeoReport v2 service codes other systems send
//! (`ingest --input-format open311` turns a known code into the report's category hint) and
//! the field each one means here (`export open311` names a field by its code). Changing them
//! is the admin's (reference data, like fields); anyone may list them. Imports are
//! all-or-nothing, as in `field import`; every change is an event.

use std::collections::HashMap;
use std::io::Read;

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rusqlite::Connection;

use super::ImportArgs;
use crate::Localized;
use crate::app::Context;
use crate::app::reference::parse_table;
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::text::nfc;
use crate::output::{Lang, Listing, render};
use crate::storage::open311::{self, ServiceCode};
use crate::storage::reference;
use crate::storage::tx::immediate;

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Add an Open311 service code, or change the field it means.
    #[command(
        after_help = "Example:\n  phananh --as admin service add pothole --field GT --name \"Ổ gà, hư hỏng mặt đường\""
    )]
    Add(ServiceAddArgs),
    /// List the service codes and their fields.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan service list --format csv")]
    List,
    /// Load service codes from a CSV file with columns service_code,field,name.
    #[command(
        after_help = "Example:\n  phananh --as admin service import examples/service-codes.csv"
    )]
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ServiceAddArgs {
    /// The GeoReport v2 service_code as the other system spells it, e.g. pothole.
    pub code: String,
    /// The field (lĩnh vực) it means, e.g. GT (see `phananh field list`).
    #[arg(long)]
    pub field: String,
    /// The other system's name for the service, e.g. "Pothole".
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    pub name: String,
}

/// Longer codes are a broken file, not a service.
const LONGEST_CODE: usize = 100;

impl Listing for ServiceCode {
    const KEYS: &'static [&'static str] = &["service_code", "field", "name"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec!["Mã dịch vụ", "Lĩnh vực", "Tên dịch vụ"],
            Lang::En => vec!["Service code", "Field", "Service name"],
        }
    }

    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![
            self.service_code.clone(),
            self.field.clone(),
            self.name.clone(),
        ]
    }
}

pub fn cmd_service(ctx: &Context, cmd: ServiceCommand) -> Result<u8> {
    match cmd {
        ServiceCommand::Add(args) => {
            let (conn, actor) = connect(ctx, Operation::ManageReference)?;
            let code = nfc(args.code.trim());
            let row = vec![
                code.clone(),
                args.field.trim().to_owned(),
                nfc(args.name.trim()),
            ];
            import(&conn, ctx, &actor, &[(0, row)])?;
            ctx.status(
                &format!("Đã lưu mã dịch vụ {code}."),
                &format!("service code {code} saved"),
            );
        }
        ServiceCommand::List => {
            let (conn, _) = connect(ctx, Operation::Read)?;
            render(
                &mut std::io::stdout().lock(),
                &open311::service_codes(&conn)?,
                ctx.format,
                ctx.lang,
            )?;
        }
        ServiceCommand::Import(args) => {
            let (conn, actor) = connect(ctx, Operation::ManageReference)?;
            let mut text = String::new();
            std::fs::File::open(&args.file)
                .and_then(|mut f| f.read_to_string(&mut text))
                .map_err(|e| {
                    Localized::new(
                        format!(
                            "Không đọc được {} (cần tệp CSV UTF-8): {e}",
                            args.file.display()
                        ),
                        format!(
                            "cannot read {} (a UTF-8 CSV file is needed): {e}",
                            args.file.display()
                        ),
                    )
                })?;
            let name = args.file.display().to_string();
            let rows = parse_table(&text, &name, &["service_code", "field", "name"], 2)?;
            let count = import(&conn, ctx, &actor, &rows)?;
            ctx.status(
                &format!("Đã nạp {count} mã dịch vụ."),
                &format!("{count} service codes imported"),
            );
        }
    }
    Ok(crate::exit::OK)
}

/// Opens the database and checks `operation` for the acting account (a refusal is logged).
fn connect(ctx: &Context, operation: Operation) -> Result<(Connection, String)> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, operation, None)?;
    Ok((conn, actor.username))
}

/// Checks every row (the field exists, a code appears once, not absurdly long), then stores
/// them all in one transaction, one `service_add` event each; any problem stores nothing.
fn import(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    rows: &[(u64, Vec<String>)],
) -> Result<usize> {
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for (line, v) in rows {
        let at = if *line == 0 {
            String::new()
        } else {
            format!("dòng {line}: ")
        };
        let at_en = if *line == 0 {
            String::new()
        } else {
            format!("line {line}: ")
        };
        let (code, field) = (v[0].as_str(), v[1].as_str());
        if code.is_empty() {
            problems.push((
                format!("{at}mã dịch vụ trống"),
                format!("{at_en}the service code is empty"),
            ));
        }
        if code.chars().count() > LONGEST_CODE {
            problems.push((
                format!("{at}mã dịch vụ dài quá {LONGEST_CODE} ký tự"),
                format!("{at_en}the service code is longer than {LONGEST_CODE} characters"),
            ));
        }
        if let Some(first) = seen.insert(code, *line) {
            problems.push((
                format!("{at}mã dịch vụ \"{code}\" đã có ở dòng {first}"),
                format!("{at_en}service code \"{code}\" already appears on line {first}"),
            ));
        }
        if !reference::field_exists(conn, field)? {
            problems.push((
                format!("{at}không có lĩnh vực \"{field}\" (xem `phananh field list`)"),
                format!("{at_en}there is no field \"{field}\" (see `phananh field list`)"),
            ));
        }
    }
    refuse_if_any(&problems, rows.iter().any(|(line, _)| *line > 0))?;
    let tx = immediate(conn)?;
    let _at = ctx.now_text();
    for (_, v) in rows {
        let code = ServiceCode {
            service_code: v[0].clone(),
            field: v[1].clone(),
            name: v.get(2).cloned().unwrap_or_default(),
        };
        open311::upsert_service_code(&tx, &code)?;
        ctx.note(
            &tx,
            actor,
            EventKind::ServiceAdd,
            serde_json::to_string(&code)?,
        )?;
    }
    tx.commit()?;
    Ok(rows.len())
}

/// All-or-nothing, as `reference`'s imports: any problem refuses the whole change. A file's
/// problems are listed one per line; `service add` has one row and says it in one line.
fn refuse_if_any(problems: &[(String, String)], from_file: bool) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    let (vi, en): (Vec<&str>, Vec<&str>) = problems
        .iter()
        .map(|(vi, en)| (vi.as_str(), en.as_str()))
        .unzip();
    if from_file {
        bail!(Localized::new(
            format!(
                "{}\nKhông nạp gì; sửa các dòng trên rồi nạp lại.",
                vi.join("\n")
            ),
            format!(
                "{}\nnothing was loaded; fix the lines above and try again",
                en.join("\n")
            ),
        ));
    }
    let vi = vi.join("; ");
    let mut letters = vi.chars();
    let vi: String = letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    bail!(Localized::new(
        format!("{vi}; không lưu gì."),
        format!("{}; nothing was saved", en.join("; ")),
    ))
}
