//! `demo`: builds a database afresh from the examples embedded in the binary and plays the
//! three months of example reports (August–October 2026) through the whole workflow, in
//! time order, the way the portal and the agencies would have: reception checks and
//! dispatches, agencies return or reply, the portal sends some back, verifies, publishes,
//! citizens rate. Every step goes through the same code as the commands, under real
//! accounts, so the result is a database like a real one, with an intact audit chain.
//! Replaces an earlier demo database, never a file that holds anything else. The playing
//! is `app::demo`'s (through `app::play`); this command hands it the options and
//! `output::demo` what was played.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::app::Context;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # the shipped examples, Aug–Oct 2026
  phananh demo
  # your own reports (ingest CSV format), played the same way
  phananh demo --db thu.sqlite --reports my.csv")]
pub struct DemoArgs {
    /// Play these reports (the ingest CSV format) instead of the shipped examples.
    #[arg(long, value_name = "CSV")]
    pub reports: Option<PathBuf>,
    /// Stop playing at this moment [default: 31/10/2026 17:20 for the examples; two hours
    /// after the last report of --reports].
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
}

pub fn cmd_demo(ctx: &Context, args: &DemoArgs) -> Result<u8> {
    let path = ctx
        .db
        .clone()
        .unwrap_or_else(crate::app::demo::default_path);
    let played = crate::app::demo::run(ctx, &path, args.reports.as_deref(), args.until.as_deref())?;
    let mut out = std::io::stdout().lock();
    crate::output::demo::print(&mut out, &played.summary, ctx.lang)?;
    crate::output::report::print_tables(&mut out, &played.report, ctx.lang)?;
    Ok(crate::exit::OK)
}
