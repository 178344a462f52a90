//! `route add|list`: the routing table reception dispatches by (Đ7.1.b), and which
//! `assign --auto` (and the triage queue) propose from.

use anyhow::{Result, bail};
use clap::Subcommand;
use serde::Serialize;
use serde_json::json;

use crate::Localized;
use crate::app::Context;
use crate::domain::access::Operation;
use crate::domain::event::EventKind;
use crate::domain::routing::Route;
use crate::domain::text::nfc;
use crate::output::{Lang, Listing, render};
use crate::storage::tx::immediate;
use crate::storage::{reference, routes};

#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// Send reports of a field (in one commune, or in every commune) to an agency. Admin
    /// only; a later line for the same field and commune replaces the earlier.
    #[command(after_help = "Examples:
  phananh --as admin route add --field GT --agency SXD
  phananh --as admin route add --field TTDT --commune \"Phường An Xuyên\" --agency 32002")]
    Add {
        /// Field code (see `phananh field list`).
        #[arg(long)]
        field: String,
        /// Commune or ward as reports name it; leave out for every commune.
        #[arg(long, default_value = "")]
        commune: String,
        /// Agency code (see `phananh agency list`).
        #[arg(long)]
        agency: String,
    },
    /// The routing table.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan route list")]
    List,
}

#[derive(Debug, Serialize)]
struct RouteRow {
    field: String,
    commune: String,
    agency: String,
    agency_name: String,
}

impl Listing for RouteRow {
    const KEYS: &'static [&'static str] = &["field", "commune", "agency", "agency_name"];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec!["Lĩnh vực", "Xã/phường", "Cơ quan", "Tên cơ quan"],
            Lang::En => vec!["Field", "Commune", "Agency", "Agency name"],
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let commune = if self.commune.is_empty() {
            lang.pick("(mọi xã, phường)", "(every commune)").to_owned()
        } else {
            self.commune.clone()
        };
        vec![
            self.field.clone(),
            commune,
            self.agency.clone(),
            self.agency_name.clone(),
        ]
    }
}

pub fn cmd_route(ctx: &Context, cmd: RouteCommand) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    match cmd {
        RouteCommand::List => {
            ctx.authorize(&conn, &actor, Operation::Read, None)?;
            let names: std::collections::HashMap<String, String> = reference::agencies(&conn)?
                .into_iter()
                .map(|a| (a.code, a.name))
                .collect();
            let rows: Vec<RouteRow> = routes::all(&conn)?
                .into_iter()
                .map(|r| RouteRow {
                    agency_name: names.get(&r.agency).cloned().unwrap_or_default(),
                    field: r.field,
                    commune: r.commune,
                    agency: r.agency,
                })
                .collect();
            render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
        }
        RouteCommand::Add {
            field,
            commune,
            agency,
        } => {
            ctx.authorize(&conn, &actor, Operation::ManageReference, None)?;
            if !reference::fields(&conn)?.iter().any(|f| f.code == field) {
                bail!(Localized::new(
                    format!("Không có lĩnh vực mã \"{field}\"; xem `phananh field list`."),
                    format!("there is no field \"{field}\"; see `phananh field list`"),
                ));
            }
            crate::app::workflow::require_agency(&conn, &agency)?;
            let route = Route {
                field,
                commune: nfc(commune.trim()),
                agency,
            };
            let tx = immediate(&conn)?;
            let before = routes::put(&tx, &route)?;
            ctx.note(
                &tx,
                &actor.username,
                EventKind::RouteAdd,
                json!({
                    "field": route.field, "commune": route.commune,
                    "agency": route.agency, "replaced": before,
                })
                .to_string(),
            )?;
            tx.commit()?;
            ctx.status(
                &format!("Đã định tuyến lĩnh vực {} → {}.", route.field, route.agency),
                &format!("field {} now routes to {}", route.field, route.agency),
            );
        }
    }
    Ok(crate::exit::OK)
}
