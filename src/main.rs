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
    let_size_limits_fail_writes();
    let cli = match phananh::cli::parse() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    let lang = cli.global.lang;
    let json = cli.global.format == phananh::output::Format::Json;
    match phananh::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if phananh::output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // Errors may quote what was typed or read: no control characters in them.
            let message = phananh::exit::message_of(&err, lang);
            let status = phananh::exit::status_of(&err);
            if json {
                let kind = phananh::exit::kind_of(&err);
                eprintln!("{}", phananh::output::error_json(kind, &message, status));
            } else {
                eprintln!("{}", phananh::output::error_line(&message));
            }
            ExitCode::from(status)
        }
    }
}

/// Under a file-size limit (`ulimit -f`, `prlimit --fsize`) a write past it raises SIGXFSZ,
/// which kills the process outright: no message, and the `.partial` files of a backup or
/// export left for ever. Blocked, the signal stays pending and the write fails with EFBIG,
/// which the commands clean up after and explain as a full disk would be
/// (`storage::diagnose`). Blocked before any thread starts, so that every thread inherits
/// it. Blocking needs no handler and so no unsafe code, as ignoring it would.
fn let_size_limits_fail_writes() {
    use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
    let mut set = SigSet::empty();
    set.add(Signal::SIGXFSZ);
    // Failing leaves the default, as before: nothing to tell the user.
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&set), None);
}
