//! The `phananh` binary: parse arguments, run, map the outcome to an exit status.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = phananh::cli::Cli::parse();
    let lang = cli.global.lang;
    match phananh::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            match err.downcast_ref::<phananh::Localized>() {
                Some(localized) => eprintln!("phananh: {}", localized.text(lang)),
                None => eprintln!("phananh: {err:#}"),
            }
            ExitCode::from(phananh::exit::FAILURE)
        }
    }
}

/// `phananh list | head` closing the pipe is not an error (as in ripgrep and xsv).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
