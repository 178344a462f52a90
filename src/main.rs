//! The `phananh` binary: parse arguments, run, print the error if any, and exit with the
//! status `phananh::exit` gives the outcome.

use std::process::ExitCode;

/// A bulk load builds each report on its reading thread and frees it on the storing one;
/// glibc's allocator serialised those frees on an arena lock (8% of the storing thread in
/// `perf`). mimalloc frees across threads without one: `ingest --validate` of 200,000 rows
/// 6.2 s → 5.1 s.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match phananh::cli::parse() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    let lang = cli.global.lang;
    match phananh::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if phananh::output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // Errors may quote what was typed or read: no control characters in them.
            let message = phananh::exit::message_of(&err, lang);
            eprintln!("phananh: {}", phananh::output::printable(&message));
            ExitCode::from(phananh::exit::status_of(&err))
        }
    }
}
