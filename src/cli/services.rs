//! `service add|list|import`: the Open311 GeoReport v2 service codes other systems send
//! (`ingest --input-format open311` turns a known code into the report's category hint) and
//! the field each one means here (`export open311` names a field by its code). This parses,
//! lists and says what was done; checking and storing are `app::services`'s.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::ImportArgs;
use crate::app::{Context, services};
use crate::output::Format;

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Add an Open311 service code; changing the field or name of one that exists needs
    /// --yes.
    #[command(
        after_help = "Example:\n  phananh --as admin service add pothole --field GT \\\n      --name \"Ổ gà, hư hỏng mặt đường\""
    )]
    Add(ServiceAddArgs),
    /// List the service codes and their fields; --format open311-json or open311-xml prints
    /// the GeoReport v2 service list (services.json, services.xml).
    #[command(
        after_help = "Examples:\n  phananh --as tiepnhan.lan service list --format csv\n  phananh --as tiepnhan.lan service list --format open311-xml > services.xml"
    )]
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
    /// Change the code if it exists already; without it the change is refused, saying
    /// each part old → new.
    #[arg(long)]
    pub yes: bool,
}

pub fn cmd_service(ctx: &Context, cmd: ServiceCommand) -> Result<u8> {
    match cmd {
        ServiceCommand::Add(args) => {
            let (code, done) = services::add(ctx, &args.code, &args.field, &args.name, args.yes)?;
            let notice = crate::output::reference::saved(
                crate::output::reference::Noun::Service,
                &code,
                &done,
            );
            ctx.status(&notice.vi, &notice.en);
        }
        ServiceCommand::List => match ctx.format {
            Format::Open311Json | Format::Open311Xml => {
                let listed = services::open311_list(ctx)?;
                let out = &mut std::io::stdout().lock();
                if ctx.format == Format::Open311Json {
                    crate::output::open311::write_services_json(out, &listed.rows)?;
                } else {
                    crate::output::open311::write_services(out, &listed.rows)?;
                }
                crate::output::reference::vouched(listed.unvouched)?;
            }
            _ => {
                let listed = services::list(ctx)?;
                crate::output::reference::listed(
                    &listed.rows,
                    listed.unvouched,
                    ctx.format,
                    ctx.lang,
                )?;
            }
        },
        ServiceCommand::Import(args) => {
            let count = services::import_file(ctx, &args.file)?;
            let notice = crate::output::reference::services_imported(count);
            ctx.status(&notice.vi, &notice.en);
        }
    }
    Ok(crate::exit::OK)
}
