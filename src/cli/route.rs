//! `route add|list`: the routing table reception dispatches by (Đ7.1.b), and which
//! `assign --auto` (and the triage queue) propose from. Changing and reading it are
//! `app::routing`'s, its columns `output::routing`'s; this parses and hands over.

use anyhow::Result;
use clap::Subcommand;

use crate::app::Context;
use crate::app::routing;

#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// Send reports of a field (in one commune, or in every commune) to an agency. Admin
    /// only; a later line for the same field and commune replaces the earlier, with --yes.
    #[command(after_help = "Examples:
  phananh --as admin route add --field GT --agency SXD
  phananh --as admin route add --field TTDT --commune \"Phường An Xuyên\" \\
      --agency 32002")]
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
        /// Replace a line that sends the field's reports there to another agency; without
        /// it that is refused, naming both agencies.
        #[arg(long)]
        yes: bool,
    },
    /// The routing table.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan route list")]
    List,
}

pub fn cmd_route(ctx: &Context, cmd: RouteCommand) -> Result<u8> {
    match cmd {
        RouteCommand::List => {
            let listed = routing::list(ctx)?;
            crate::output::reference::listed(&listed.rows, listed.unvouched, ctx.format, ctx.lang)?;
        }
        RouteCommand::Add {
            field,
            commune,
            agency,
            yes,
        } => {
            let routed = routing::add(ctx, field, &commune, agency, yes)?;
            let notice = crate::output::reference::routed(&routed.route, &routed.replaced);
            ctx.status(&notice.vi, &notice.en);
        }
    }
    Ok(crate::exit::OK)
}
