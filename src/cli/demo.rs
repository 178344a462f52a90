//! `demo`: placeholder
use super::Context;
use anyhow::Result;
use clap::Args;
#[derive(Debug, Args)]
pub struct DemoArgs {}
pub fn cmd_demo(_ctx: &Context, _args: &DemoArgs) -> Result<u8> {
    Ok(0)
}
