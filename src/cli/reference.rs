//! Reference data commands: `field`, `agency`, `staff` with add, list, import (and
//! `staff disable|edit|logins`): their arguments, their listings and what they say when
//! done. The changes, all-or-nothing and each an event, are `app::directory`'s.

use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::ImportArgs;
use crate::app::reference::Imported;
use crate::app::{Context, directory};
use crate::domain::access::Role;
use crate::i18n::{Bilingual, Lang};
use crate::output::{Listing, render};
use crate::storage::reference::{Agency, Field, LoginBinding, Staff};

#[derive(Debug, Subcommand)]
pub enum FieldCommand {
    /// Add a field, or change its name and keywords.
    #[command(
        after_help = "Example:\n  phananh --as admin field add GT --name \"Giao thông\" \\\n      --keywords \"ổ gà,đường hư,kẹt xe\""
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
        after_help = "Example:\n  phananh --as admin agency add SXD --name \"Sở Xây dựng tỉnh Cà Mau\" \\\n      --level province"
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
    /// The agency's full name.
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
        after_help = "Example:\n  phananh --as admin staff add xuly.sxd.hung --name \"Trần Văn Hùng\" \\\n      --role handler --agency SXD"
    )]
    Add(StaffAddArgs),
    /// List accounts.
    #[command(after_help = "Example:\n  phananh --as admin staff list")]
    List,
    /// Load accounts from a CSV file with columns username,name,role,agency[,logins].
    #[command(after_help = "Example:\n  phananh --as admin staff import examples/staff.csv")]
    Import(ImportArgs),
    /// Disable an account: it can no longer act, and stays in the audit log.
    #[command(after_help = "Example:\n  phananh --as admin staff disable tiepnhan.khang")]
    Disable(DisableArgs),
    /// Enable a disabled account again, with the role and agency it had.
    #[command(after_help = "Example:\n  phananh --as admin staff enable tiepnhan.khang")]
    Enable(EnableArgs),
    /// Bind operating-system logins to an account, or unbind them (setting auth.mode = peer).
    #[command(
        after_help = "Example:\n  phananh --as admin staff edit tiepnhan.lan --add-login lan \\\n      --remove-login lan.old"
    )]
    Edit(StaffEditArgs),
    /// List the operating-system logins bound to accounts.
    #[command(after_help = "Example:\n  phananh --as admin staff logins tiepnhan.lan")]
    Logins(StaffLoginsArgs),
}

#[derive(Debug, Args)]
pub struct StaffEditArgs {
    /// The account.
    pub username: String,
    /// An operating-system login that may act as this account (repeatable).
    #[arg(long = "add-login", value_name = "LOGIN")]
    pub add_login: Vec<String>,
    /// A login that may no longer act as it (repeatable).
    #[arg(long = "remove-login", value_name = "LOGIN")]
    pub remove_login: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StaffLoginsArgs {
    /// Only this account's logins.
    pub username: Option<String>,
}

#[derive(Debug, Args)]
pub struct StaffAddArgs {
    /// Login name, e.g. tiepnhan.lan.
    pub username: String,
    /// The person's full name.
    #[arg(long, allow_hyphen_values = true)]
    pub name: String,
    /// admin, reception, handler, leader or auditor.
    #[arg(long, value_parser = ["admin", "reception", "handler", "leader", "auditor"])]
    pub role: String,
    /// The agency (required for handlers).
    #[arg(long)]
    pub agency: Option<String>,
    /// An operating-system login that may act as this account in peer mode (repeatable).
    #[arg(long = "login", value_name = "LOGIN")]
    pub logins: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DisableArgs {
    /// The login name of the account to disable.
    pub username: String,
}

#[derive(Debug, Args)]
pub struct EnableArgs {
    /// The login name of the account to enable again.
    pub username: String,
}

impl Listing for Field {
    const KEYS: &'static [&'static str] = &["code", "name", "keywords"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Mã", "Lĩnh vực", "Từ khóa"],
            vec!["Code", "Name", "Keywords"],
        )
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
        lang.pick(
            vec!["Mã", "Cơ quan", "Cấp", "Trực thuộc"],
            vec!["Code", "Name", "Level", "Parent"],
        )
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
        lang.pick(
            vec!["Tài khoản", "Họ tên", "Vai trò", "Cơ quan", "Hoạt động"],
            vec!["Username", "Name", "Role", "Agency", "Active"],
        )
    }
    fn cells(&self, lang: Lang) -> Vec<String> {
        vec![
            self.username.clone(),
            self.name.clone(),
            Role::parse(&self.role)
                .map_or_else(|| self.role.clone(), |r| r.text(lang).into_owned()),
            self.agency.clone().unwrap_or_default(),
            lang.yes_no(self.active).to_owned(),
        ]
    }
}

impl Listing for LoginBinding {
    const KEYS: &'static [&'static str] = &["username", "login"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        lang.pick(
            vec!["Tài khoản", "Tên đăng nhập hệ điều hành"],
            vec!["Username", "Operating-system login"],
        )
    }
    fn cells(&self, _lang: Lang) -> Vec<String> {
        vec![self.username.clone(), self.login.clone()]
    }
}

/// What an import changed: how many rows, which keys are new, which changed and how, and
/// which disabled accounts stayed disabled (with the way to enable one).
fn say_imported(ctx: &Context, imported: &Imported, (vi, en): (&str, &str)) {
    let rows = imported.rows();
    // A first import names every row new; the first few say enough.
    const NAMED: usize = 20;
    let new = imported
        .new
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let unnamed = imported.new.len().saturating_sub(NAMED);
    let changed = |lang| {
        imported
            .changed
            .iter()
            .map(|(key, what)| format!("{key} ({})", parts(what, lang)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut said_vi = format!(
        "Đã nạp {rows} {vi}: {} mới, {} thay đổi, {} giữ nguyên.",
        imported.new.len(),
        imported.changed.len(),
        imported.unchanged
    );
    // "fields", "agencies", "accounts": their singular drops the last letters.
    let en = if rows == 1 {
        en.strip_suffix("ies").map_or_else(
            || en.trim_end_matches('s').to_owned(),
            |stem| format!("{stem}y"),
        )
    } else {
        en.to_owned()
    };
    let mut said_en = format!(
        "{rows} {en} imported: {} new, {} changed, {} unchanged",
        imported.new.len(),
        imported.changed.len(),
        imported.unchanged
    );
    if !new.is_empty() {
        let (more_vi, more_en) = if unnamed > 0 {
            (
                // Counted as what they are: accounts are no "mã" (codes).
                format!(" và {unnamed} {vi} khác"),
                format!(" and {unnamed} more"),
            )
        } else {
            (String::new(), String::new())
        };
        said_vi.push_str(&format!("\nMới: {new}{more_vi}."));
        said_en.push_str(&format!("\nnew: {new}{more_en}"));
    }
    if !imported.changed.is_empty() {
        said_vi.push_str(&format!("\nThay đổi: {}.", changed(Lang::Vi)));
        said_en.push_str(&format!("\nchanged: {}", changed(Lang::En)));
    }
    if !imported.bound.is_empty() {
        let bound = imported.bound.join(", ");
        said_vi.push_str(&format!("\nĐã gắn tên đăng nhập: {bound}."));
        said_en.push_str(&format!("\nlogins bound: {bound}"));
    }
    for username in &imported.kept_disabled {
        said_vi.push_str(&format!(
            "\nTài khoản {username} đang bị khóa và vẫn khóa: nạp tệp không mở lại tài khoản; mở lại bằng `phananh staff enable {username}` nếu đúng ý."
        ));
        said_en.push_str(&format!(
            "\naccount {username} is disabled and stays so: an import never enables an account; `phananh staff enable {username}` enables it if that is meant"
        ));
    }
    ctx.status(&said_vi, &said_en);
}

/// The parts of a row an import or `staff add` changed, as words of `lang`.
fn parts(what: &[&str], lang: Lang) -> String {
    what.iter()
        .map(|part| {
            let (vi, en) = match *part {
                "name" => ("tên", "name"),
                "role" => ("vai trò", "role"),
                "agency" => ("cơ quan", "agency"),
                "active" => ("mở khóa", "enabled again"),
                "level" => ("cấp", "level"),
                "parent" => ("cơ quan cấp trên", "parent"),
                "keywords" => ("từ khóa", "keywords"),
                other => (other, other),
            };
            lang.pick(vi, en)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn cmd_field(ctx: &Context, cmd: FieldCommand) -> Result<u8> {
    match cmd {
        FieldCommand::Add(args) => {
            let code = directory::add_field(ctx, &args.code, &args.name, args.keywords)?;
            ctx.status(
                &format!("Đã lưu lĩnh vực {code}."),
                &format!("field {code} saved"),
            );
        }
        FieldCommand::List => list_fields(ctx, &directory::fields(ctx)?)?,
        FieldCommand::Import(args) => {
            let imported = directory::import_field_file(ctx, &args.file)?;
            say_imported(ctx, &imported, ("lĩnh vực", "fields"));
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
            directory::add_agency(ctx, &args.code, &args.name, args.level, args.parent)?;
            ctx.status(
                &format!("Đã lưu cơ quan {}.", args.code),
                &format!("agency {} saved", args.code),
            );
        }
        AgencyCommand::List => render(
            &mut std::io::stdout().lock(),
            &directory::agencies(ctx)?,
            ctx.format,
            ctx.lang,
        )?,
        AgencyCommand::Import(args) => {
            let imported = directory::import_agency_file(ctx, &args.file)?;
            say_imported(ctx, &imported, ("cơ quan", "agencies"));
        }
    }
    Ok(crate::exit::OK)
}

pub fn cmd_staff(ctx: &Context, cmd: StaffCommand) -> Result<u8> {
    match cmd {
        StaffCommand::Add(args) => {
            let saved = directory::add_staff(
                ctx,
                &args.username,
                &args.name,
                args.role,
                args.agency,
                &args.logins,
            )?;
            let user = &args.username;
            let (vi, en) = match saved.changed.first() {
                _ if !saved.new.is_empty() => (
                    format!("Đã thêm tài khoản {user}."),
                    format!("account {user} added"),
                ),
                Some((_, what)) => (
                    format!("Đã sửa tài khoản {user}: {}.", parts(what, Lang::Vi)),
                    format!("account {user} changed: {}", parts(what, Lang::En)),
                ),
                None if saved.bound.is_empty() => (
                    format!("Tài khoản {user} đã đúng như vậy; không có gì thay đổi."),
                    format!("account {user} is already as given; nothing changed"),
                ),
                None => (
                    format!(
                        "Tài khoản {user} đã đúng như vậy; đã gắn thêm tên đăng nhập: {}.",
                        saved.bound.join(", ")
                    ),
                    format!(
                        "account {user} is already as given; logins bound: {}",
                        saved.bound.join(", ")
                    ),
                ),
            };
            ctx.status(&vi, &en);
        }
        StaffCommand::List => render(
            &mut std::io::stdout().lock(),
            &directory::staff(ctx)?,
            ctx.format,
            ctx.lang,
        )?,
        StaffCommand::Import(args) => {
            let imported = directory::import_staff_file(ctx, &args.file)?;
            say_imported(ctx, &imported, ("tài khoản", "accounts"));
        }
        StaffCommand::Edit(args) => {
            let edited =
                directory::edit_staff(ctx, &args.username, &args.add_login, &args.remove_login)?;
            let (added, removed) = (edited.added.join(", "), edited.removed.join(", "));
            ctx.status(
                &format!(
                    "Tài khoản {}: đã gắn [{added}], đã gỡ [{removed}].",
                    args.username
                ),
                &format!(
                    "account {}: bound [{added}], unbound [{removed}]",
                    args.username
                ),
            );
        }
        StaffCommand::Logins(args) => render(
            &mut std::io::stdout().lock(),
            &directory::logins(ctx, args.username.as_deref())?,
            ctx.format,
            ctx.lang,
        )?,
        StaffCommand::Disable(args) => {
            directory::disable_staff(ctx, &args.username)?;
            ctx.status(
                &format!("Đã khóa tài khoản {}.", args.username),
                &format!("account {} disabled", args.username),
            );
        }
        StaffCommand::Enable(args) => {
            let user = &args.username;
            if directory::enable_staff(ctx, user)? {
                ctx.status(
                    &format!("Đã mở khóa tài khoản {user}."),
                    &format!("account {user} enabled again"),
                );
            } else {
                ctx.status(
                    &format!("Tài khoản {user} không bị khóa; không có gì thay đổi."),
                    &format!("account {user} is not disabled; nothing changed"),
                );
            }
        }
    }
    Ok(crate::exit::OK)
}
