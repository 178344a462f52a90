//! Reference data commands: `field`, `agency`, `staff` with add, list, import (and
//! `staff disable|edit|logins`): their arguments. The changes, all-or-nothing and each an
//! event, are `app::directory`'s; the listings and what they say when done,
//! `output::reference`'s.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::ImportArgs;
use crate::app::reference::Imported;
use crate::app::{Context, directory};
use crate::output::reference::Rows;

#[derive(Debug, Subcommand)]
pub enum FieldCommand {
    /// Add a field; changing the name or keywords of one that exists needs --yes.
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
pub struct StaffImportArgs {
    #[command(flatten)]
    pub import: ImportArgs,
    /// Change the role or agency of accounts already there as the file says; without it
    /// such a file is refused, saying each account's change old → new.
    #[arg(long)]
    pub yes: bool,
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
    /// Change the field if its code exists already; without it the change is refused,
    /// saying each part old → new.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum AgencyCommand {
    /// Add an agency; changing one that exists needs --yes.
    #[command(
        after_help = "Example:\n  phananh --as admin agency add SXD --name \"Sở Xây dựng tỉnh Cà Mau\" \\\n      --level province"
    )]
    Add(AgencyAddArgs),
    /// List agencies: province level first, then districts (before July 2025), communes.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan agency list --format csv")]
    List,
    /// Load agencies from a CSV file with columns code,name,level,parent[,from,until].
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
    /// First day in operation (YYYY-MM-DD or DD/MM/YYYY), for one set up during a period;
    /// "" clears it.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day in operation, for one dissolved or merged (the district level: 2025-06-30);
    /// "" clears it.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Change the agency if its code exists already; without it the change is refused,
    /// saying each part old → new.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add an account; changing (or enabling) one that exists needs --yes.
    #[command(
        after_help = "Example:\n  phananh --as admin staff add xuly.sxd.hung --name \"Trần Văn Hùng\" \\\n      --role handler --agency SXD"
    )]
    Add(StaffAddArgs),
    /// List accounts.
    #[command(after_help = "Example:\n  phananh --as admin staff list")]
    List,
    /// Load accounts from a CSV file with columns username,name,role,agency[,logins].
    #[command(
        after_help = "Several operating-system logins in one logins cell are separated by a space or | (not ;), e.g. the cell minh|minh2.\n\nExample:\n  phananh --as admin staff import examples/staff.csv"
    )]
    Import(StaffImportArgs),
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
    /// Bind a login already bound to another account (one person who holds both); with
    /// --reason. Without it such a login is refused, naming the accounts.
    #[arg(long)]
    pub yes: bool,
    /// Why one login acts as several accounts (kept in the audit log).
    #[arg(long)]
    pub reason: Option<String>,
    /// The reason read from a plain-text UTF-8 file (`-`: standard input), as
    /// --text-file reads a reply.
    #[arg(long, value_name = "FILE", conflicts_with = "reason")]
    pub reason_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct StaffLoginsArgs {
    /// Only this account's logins (default: every account's, which only an admin may
    /// list; any other account may read only its own).
    pub username: Option<String>,
    /// Instead, the active accounts no login is bound to (in peer mode nobody can act as
    /// them).
    #[arg(long, conflicts_with = "username")]
    pub unbound: bool,
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
    /// Change the account if it exists already (its name, role, agency, or enable it);
    /// without it the change is refused, saying each part old → new.
    #[arg(long)]
    pub yes: bool,
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

pub fn cmd_field(ctx: &Context, cmd: FieldCommand) -> Result<u8> {
    match cmd {
        FieldCommand::Add(args) => {
            let done = directory::add_field(ctx, &args.code, &args.name, args.keywords, args.yes)?;
            let notice = crate::output::reference::field_saved(args.code.trim(), &done);
            ctx.status(&notice.vi, &notice.en);
        }
        FieldCommand::List => {
            let listed = directory::fields(ctx)?;
            crate::output::reference::write_fields(
                &mut std::io::stdout().lock(),
                &listed.rows,
                ctx.format,
                ctx.lang,
            )?;
            crate::output::reference::vouched(listed.unvouched)?;
        }
        FieldCommand::Import(args) => {
            let imported = directory::import_field_file(ctx, &args.file)?;
            say_imported(ctx, &imported, Rows::Fields);
        }
    }
    Ok(crate::exit::OK)
}

pub fn cmd_agency(ctx: &Context, cmd: AgencyCommand) -> Result<u8> {
    match cmd {
        AgencyCommand::Add(args) => {
            let done = directory::add_agency(
                ctx,
                &args.code,
                &args.name,
                args.level,
                args.parent,
                [args.from, args.until],
                args.yes,
            )?;
            let notice = crate::output::reference::agency_saved(args.code.trim(), &done);
            ctx.status(&notice.vi, &notice.en);
        }
        AgencyCommand::List => {
            let listed = directory::agencies(ctx)?;
            crate::output::reference::listed(&listed.rows, listed.unvouched, ctx.format, ctx.lang)?;
        }
        AgencyCommand::Import(args) => {
            let imported = directory::import_agency_file(ctx, &args.file)?;
            say_imported(ctx, &imported, Rows::Agencies);
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
                args.yes,
            )?;
            let notice = crate::output::reference::staff_saved(&args.username, &saved);
            ctx.status(&notice.vi, &notice.en);
            let unbound = crate::output::reference::unbound(
                &saved.unbound,
                crate::output::reference::Binding::Edit,
            );
            if let Some(notice) = unbound {
                ctx.status(&notice.vi, &notice.en);
            }
        }
        StaffCommand::List => {
            let listed = directory::staff(ctx)?;
            crate::output::reference::listed(&listed.rows, listed.unvouched, ctx.format, ctx.lang)?;
        }
        StaffCommand::Import(args) => {
            let imported = directory::import_staff_file(ctx, &args.import.file, args.yes)?;
            say_imported(ctx, &imported, Rows::Accounts);
        }
        StaffCommand::Edit(args) => {
            let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
            let edited = directory::edit_staff(
                ctx,
                &args.username,
                &args.add_login,
                &args.remove_login,
                directory::Shared {
                    yes: args.yes,
                    reason: &reason,
                },
            )?;
            let notice = crate::output::reference::staff_edited(
                &args.username,
                &edited.added,
                &edited.removed,
            );
            ctx.status(&notice.vi, &notice.en);
        }
        StaffCommand::Logins(args) if args.unbound => {
            let listed = directory::unbound(ctx)?;
            crate::output::reference::listed(&listed.rows, listed.unvouched, ctx.format, ctx.lang)?;
        }
        StaffCommand::Logins(args) => {
            let listed = directory::logins(ctx, args.username.as_deref())?;
            crate::output::reference::listed(&listed.rows, listed.unvouched, ctx.format, ctx.lang)?;
        }
        StaffCommand::Disable(args) => {
            let unstaffed = directory::disable_staff(ctx, &args.username)?;
            let notice = crate::output::reference::staff_disabled(&args.username);
            ctx.status(&notice.vi, &notice.en);
            if let Some(unstaffed) = unstaffed {
                ctx.tell(&crate::output::directory::unstaffed(&unstaffed));
            }
        }
        StaffCommand::Enable(args) => {
            let was_disabled = directory::enable_staff(ctx, &args.username)?;
            let notice = crate::output::reference::staff_enabled(&args.username, was_disabled);
            ctx.status(&notice.vi, &notice.en);
        }
    }
    Ok(crate::exit::OK)
}

/// What an import changed, as the reference tables' output words it.
fn say_imported(ctx: &Context, imported: &Imported, rows: Rows) {
    let notice = crate::output::reference::imported(imported, rows);
    ctx.status(&notice.vi, &notice.en);
}
