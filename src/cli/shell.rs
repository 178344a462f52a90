//! `completions SHELL` and `man`: generated from the same clap definitions as `--help`, so
//! they can never disagree with the commands.

use std::io::Write;

use anyhow::Result;
use clap::{Args, CommandFactory, ValueEnum};

use super::Cli;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh completions bash > /etc/bash_completion.d/phananh
  phananh completions zsh > ~/.zfunc/_phananh
  phananh completions fish > ~/.config/fish/completions/phananh.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  phananh man > /usr/local/share/man/man1/phananh.1 && man phananh"
)]
pub struct ManArgs {}

pub fn cmd_completions(args: &CompletionsArgs) -> Result<u8> {
    let mut command = Cli::command();
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    // Into memory first: the generator panics on a closed pipe (`| head`), a write does not.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "phananh", &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(crate::exit::OK)
}

/// The manual page (roff), with a section for every subcommand.
pub fn cmd_man(_args: &ManArgs) -> Result<u8> {
    let command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    // Each command in full after the overview, as `git help` pages do (phananh-assign …).
    for sub in command.get_subcommands() {
        let name: &'static str = Box::leak(format!("phananh-{}", sub.get_name()).into_boxed_str());
        writeln!(out)?;
        clap_mangen::Man::new(sub.clone().name(name)).render(&mut out)?;
    }
    Ok(crate::exit::OK)
}
