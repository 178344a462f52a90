//! The command line: argument structs (their doc comments are the `--help`), the shared
//! context every command receives, and the dispatcher. One file per command group.

mod audit;
mod backup;
mod calendar;
mod demo;
mod erase;
mod export;
mod help_vi;
mod identity;
mod ingest;
mod init;
mod key;
mod reference;
mod report;
mod route;
mod services;
mod settings;
mod shell;
mod show;
mod sweep;
mod triage;
mod validate;
mod workflow;

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand};

use crate::app::Context;
use crate::domain::time;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::{CsvStyle, Format};

/// phananh — on-the-spot citizen reports of Cà Mau province (Decision 17/2022/QĐ-UBND).
///
/// Administration tool of the province's on-the-spot report system: ingest reports from the
/// app, validate, classify, dispatch, record agencies' replies, verify, publish, and keep an
/// append-only, hash-chained audit log of every step. Start with `phananh demo`; the
/// operator's guide (in Vietnamese) is docs/huong-dan.md.
#[derive(Debug, Parser)]
#[command(
    name = "phananh",
    version,
    max_term_width = HELP_WIDTH,
    after_help = concat!("Examples:
  # build phananh-demo.sqlite and play it
  phananh demo
  # a new, empty database
  phananh init --admin admin
  # load the app's export
  phananh --as tiepnhan.lan ingest export.csv
  # accept or reject what came in
  phananh --as tiepnhan.lan validate
  # classify by keywords
  phananh --as tiepnhan.lan classify --suggest --apply
  # dispatch
  phananh --as tiepnhan.lan assign 42 --agency SXD
  # the agency's result
  phananh --as xuly.sxd.hung reply 42 --text \"Đã vá\"
  # what waits for review
  phananh --as tiepnhan.lan list --status replied
  # one report, by app id
  phananh --as tiepnhan.lan show ext:CMG-2026-000123

", crate::exit_statuses_help!())
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
    /// The names of the command typed (`report monthly`), by which `format_fits` asks
    /// `formats_of` what it prints: the help and the gate read the one list.
    #[arg(skip)]
    pub path: String,
}

/// The heading the options every command takes are listed under, after the command's own:
/// mixed in with them, `--db`, `--as` and `--now` stood between a step's `--of` and its
/// report (`help_vi` words it in Vietnamese).
const GLOBAL_OPTIONS: &str = "Global options";

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The database file [default: phananh.sqlite; phananh-demo.sqlite for `demo`].
    #[arg(long, global = true, env = "PHANANH_DB", value_name = "PATH", help_heading = GLOBAL_OPTIONS)]
    pub db: Option<PathBuf>,
    /// The account acting (staff username); every change is logged under it.
    #[arg(long = "as", global = true, env = "PHANANH_USER", value_name = "USER", help_heading = GLOBAL_OPTIONS)]
    pub user: Option<String>,
    /// The tool's clock, RFC 3339 (for replay, backfill and tests) [default: the real time].
    #[arg(long, global = true, env = "PHANANH_NOW", value_name = "TIME", help_heading = GLOBAL_OPTIONS)]
    pub now: Option<String>,
    /// How listings are printed.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table, help_heading = GLOBAL_OPTIONS)]
    pub format: Format,
    /// The key file that opens reporters' names and phones, kept apart from the database and
    /// its backups [default: the database's path plus .key].
    #[arg(long, global = true, env = "PHANANH_KEY_FILE", value_name = "PATH", help_heading = GLOBAL_OPTIONS)]
    pub key_file: Option<PathBuf>,
    /// Language of messages and tables: vi (Vietnamese) or en (English).
    // Any case: `PHANANH_LANG=EN` in a profile failed every command, exit 2.
    #[arg(long, global = true, value_enum, ignore_case = true, default_value_t = Lang::Vi, env = "PHANANH_LANG", help_heading = GLOBAL_OPTIONS)]
    pub lang: Lang,
    /// How CSV is written: excel for a file opened in Excel with Vietnamese regional
    /// settings (`;` between cells, decimal comma, byte-order mark, CRLF), standard for
    /// scripts (RFC 4180: comma, decimal point, unchanged). Only where CSV is written
    /// (--format csv, export csv, ingest --errors, --out FILE.csv of score and report)
    /// [default: standard; for score and report the setting csv.style].
    #[arg(long, global = true, value_enum, value_name = "STYLE", help_heading = GLOBAL_OPTIONS)]
    pub csv: Option<CsvStyle>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database and its first admin account (in a folder that exists: make it with
    /// `mkdir -p -m 700` first).
    #[command(
        after_help = "Example:\n  phananh --db /srv/phananh/phananh.sqlite init --admin admin"
    )]
    Init(init::InitArgs),
    /// Build a demo database from the shipped examples and play Aug–Oct 2026 through it.
    Demo(demo::DemoArgs),
    /// Fields (lĩnh vực) that reports are classified into.
    #[command(subcommand)]
    Field(reference::FieldCommand),
    /// Agencies that handle reports (provincial departments, communes and wards).
    #[command(subcommand)]
    Agency(reference::AgencyCommand),
    /// Staff accounts and their roles.
    #[command(subcommand)]
    Staff(reference::StaffCommand),
    /// Open311 GeoReport v2 service codes and the fields they mean (ingest and export).
    #[command(subcommand)]
    Service(services::ServiceCommand),
    /// Load reports exported by the app (CSV, JSON Lines, a JSON array, or Open311 GeoReport v2).
    #[command(
        after_help = "Examples:\n  phananh --as tiepnhan.lan ingest export-2026-10-05.csv reports.jsonl\n  # store and check in one pass\n  phananh --as tiepnhan.lan ingest --validate export-2026-10-05.csv\n  phananh --as tiepnhan.lan ingest --input-format open311 requests.json"
    )]
    Ingest(ingest::IngestArgs),
    /// Check received reports for completeness (Đ6) and accept or reject them.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan validate")]
    Validate(validate::ValidateArgs),
    /// Set a report's field, or suggest fields from keywords.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan classify 41 --field GT")]
    Classify(workflow::ClassifyArgs),
    /// Send a report to the agency that must handle it (Đ7.1.b).
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan assign 41 --agency SXD --urgent")]
    Assign(workflow::AssignArgs),
    /// Answer a report directly from the portal (Đ7.1.b, second paragraph).
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan answer 42 --text \"Đề nghị liên hệ Tổng đài 1022\""
    )]
    Answer(workflow::TextArgs),
    /// Mark a report as touching state secrets (Đ9.3): never public afterwards.
    ///
    /// At a terminal the report is shown first and marked only on c or y, then Enter;
    /// any other answer (Enter alone, k, Ctrl-D) writes nothing, exit status 1. --yes asks
    /// nothing. Off a terminal (scripts, cron) nothing is asked.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan mark 43 --state-secret")]
    Mark(workflow::MarkArgs),
    /// Hand a report back to the portal: not this agency's jurisdiction (Đ8.1.b).
    #[command(
        after_help = "Example:\n  phananh --as xuly.sxd.hung return 41 \\\n      --reason \"Thuộc thẩm quyền UBND phường An Xuyên\""
    )]
    Return(workflow::ReasonArgs),
    /// Record the agency's result for a report (Đ8.1.c).
    ///
    /// The result is typed with --text, or read from a file with --text-file (a .txt file,
    /// UTF-8). Photos after handling: put them on the agency's site or a shared album and
    /// write each one's link (https://…) in the result; the portal publishes the result as
    /// written, links included, so the citizen can open them. A report is replied to once:
    /// to correct a result already sent, ask the portal's reception desk to send the report
    /// back to the agency.
    #[command(
        after_help = "Examples:\n  phananh --as xuly.sxd.hung reply 41 --text \"Đã vá ổ gà, cắm biển cảnh báo\"\n  phananh --as xuly.sxd.hung reply 41 --text-file traloi.txt"
    )]
    Reply(workflow::TextArgs),
    /// Check an agency's result: approve it or send it back for rework (Đ9.1).
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan verify 41 --send-back \\\n      --reason \"Kết quả chưa có đường dẫn ảnh sau xử lý\""
    )]
    Verify(workflow::VerifyArgs),
    /// Publish a verified result, or send it privately when confidential (Đ9.2–9.4).
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan publish 41")]
    Publish(workflow::IdArgs),
    /// Take a published result out of public view (Đ9.2): from then on only the reporter
    /// receives it.
    ///
    /// For a person the published text names, or the reporter, who asks for it to be
    /// withdrawn (Law 91/2025/QH15). The report becomes "Answered privately"; it keeps its
    /// counts in reports and scores and may still be rated. It cannot be undone: at a
    /// terminal the report is shown first and the result taken out only on c or y, then
    /// Enter; any other answer (Enter alone, k, Ctrl-D) writes nothing, exit status 1.
    /// --yes asks nothing. Off a terminal (scripts, cron) nothing is asked.
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan unpublish 41 \\\n      --reason \"Bà Lan được nêu tên trong kết quả đề nghị gỡ\""
    )]
    Unpublish(workflow::UnpublishArgs),
    /// Record the citizen's rating, 1 to 5 (Đ10).
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan rate 41 --score 5")]
    Rate(workflow::RateArgs),
    /// Merge a report into an earlier one about the same thing.
    ///
    /// At a terminal both reports are shown side by side first (a warning when their
    /// communes differ) and merged only on c or y, then Enter; any other answer (Enter
    /// alone, k, Ctrl-D) writes nothing, exit status 1. --yes asks nothing. Off a terminal
    /// (scripts, cron) nothing is asked.
    #[command(after_help = "Example:\n  phananh --as tiepnhan.lan duplicate 44 --of 41")]
    Duplicate(workflow::DuplicateArgs),
    /// Show one report with its history.
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan show ext:CMG-2026-000123 --format json"
    )]
    Show(show::ShowArgs),
    /// List reports: open before finished, urgent first within each; with filters.
    ///
    /// To an account that may validate, a report waiting at reception (received, accepted)
    /// that may be an earlier report sent again (the same content and commune, at most 7
    /// days before) has its text marked "[repeats N?]" (CSV and JSON: repeat_of); not while
    /// more than 5,000 reports wait, as validate bounds its hint.
    #[command(
        after_help = "Example:\n  phananh --as tiepnhan.lan list --status assigned --urgent --overdue"
    )]
    List(show::ListArgs),
    /// The audit log: one report's events, or a check of the whole chain.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// The working calendar deadlines are counted in: days off, working days, deadlines.
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// Remind of deadlines due soon or past (run by cron; Đ13.3).
    Sweep(sweep::SweepArgs),
    /// Periodic reports to the People's Committee: month, quarter, half-year, year (Đ13.6).
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Emulation scores of the agencies for Home Affairs (Đ13.7, Đ14): a year, half-year or
    /// quarter, as a table, CSV, JSON or an Excel workbook.
    Score(report::ScoreArgs),
    /// The reception desk's queue on a terminal: check, classify, dispatch, one report at a time.
    Triage(triage::TriageArgs),
    /// The routing table: which agency a field (and commune) goes to (Đ7.1.b).
    #[command(subcommand)]
    Route(route::RouteCommand),
    /// Public and staff exports: Open311 GeoReport v2 (JSON, XML), CSV.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Copy the database while others keep working (SQLite's online backup).
    Backup(backup::BackupArgs),
    /// Replace the database by a backup that passes the integrity and audit checks.
    Restore(backup::RestoreArgs),
    /// Shell completions for bash, zsh or fish (values too: statuses, periods, agency codes).
    Completions(shell::CompletionsArgs),
    /// Manual pages: phananh(1) and one per command, from the same definitions as --help.
    Man(shell::ManArgs),
    /// Values for the completion scripts (statuses, periods, agency and field codes), one a
    /// line.
    #[command(hide = true)]
    CompleteValues(shell::CompleteValuesArgs),
    /// The province's readings of the regulation ([choice] in docs/rules.md) and their values.
    // `[choice]` is the mark docs/rules.md gives those readings, and this comment is the
    // command's help as printed, where clap shows a `\[` escape as typed: no link for
    // rustdoc to resolve.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
    /// Destroy reporters' identities for good, keeping the reports and their log (admin).
    ///
    /// Each erasure is an event saying who and why (`audit reveals` lists it). Backups made
    /// before still hold the encrypted identity until they are destroyed; so do the
    /// `….replaced-…` files `restore` keeps beside the database, and the command names each
    /// of them (SECURITY.md).
    Erase(erase::EraseArgs),
    /// The key file that opens reporters' identities: rotate it, or replace a lost one.
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// A reporter's stored identity: correct a name or phone stored wrong, or record that the
    /// reporter withdrew (or gave) consent to share it, at the reporter's request (admin).
    #[command(subcommand)]
    Identity(identity::IdentityCommand),
}

/// The context every command runs in, from the global options.
pub fn context(global: &GlobalArgs) -> Result<Context> {
    let now = match &global.now {
        Some(text) => match time::parse(text) {
            Ok(Some(ts)) => ts,
            // A time that names no moment is a usage error (exit 2), as the guide's table
            // of exit statuses says.
            _ => {
                return Err(
                    crate::exit::Failure::usage(crate::output::context::not_a_time(text)).into(),
                );
            }
        },
        None => chrono::Utc::now().with_timezone(&time::vietnam()),
    };
    let mut ctx = Context {
        db: global.db.clone(),
        user: global.user.clone(),
        now,
        format: global.format,
        lang: global.lang,
        login: String::new(),
        pinned: global.now.is_some(),
        key_file: global.key_file.clone(),
        csv: global.csv,
        scratch: false,
        command: String::new(),
    };
    ctx.login = crate::app::login::caller(&ctx.db_path());
    // The sudo rule pins `--db` and nothing else: a key file named by the person was read
    // as the service account, and what was said of it (missing, too large, not a key,
    // another key's id) told them about files in that account's folders. Refused before
    // anything is read, in the same words whatever it names (SECURITY.md, "A dedicated OS
    // account").
    if ctx.key_file.is_some() && crate::app::login::as_the_owner_for_another(&ctx.db_path()) {
        return Err(
            crate::exit::Failure::usage(crate::output::context::key_file_through_sudo()).into(),
        );
    }
    Ok(ctx)
}

/// The language asked for, read before clap parses (the help and usage errors need it):
/// `--lang X` or `--lang=X` wins over `PHANANH_LANG`; Vietnamese unless it says `en`.
pub fn requested_lang(args: &[OsString], env: Option<OsString>) -> Lang {
    let mut asked = env.map(|v| v.to_string_lossy().into_owned());
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            asked = words.next().map(|v| v.into_owned());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            asked = Some(value.to_owned());
        }
    }
    match asked.as_deref() {
        Some(asked) if asked.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// The widest help is laid out, whatever the screen: longer lines are hard to read.
const HELP_WIDTH: usize = 100;

/// The command line's definition in `lang`: the doc comments are the English help, and
/// `help_vi` lays the Vietnamese over them.
pub fn command(lang: Lang) -> clap::Command {
    command_at(lang, None)
}

/// The same, its help wrapped at `width` columns when given (0: as written). Set before the
/// Vietnamese texts are laid over it, which builds the tree: a setting given to the root
/// after that reaches no subcommand.
fn command_at(lang: Lang, width: Option<usize>) -> clap::Command {
    let mut cmd = globals_copied(env_named_not_shown(without_empty_env(
        <Cli as clap::CommandFactory>::command(),
    )));
    if let Some(width) = width {
        cmd = cmd.term_width(width);
    }
    match lang {
        Lang::Vi => help_vi::localize(cmd, width),
        Lang::En => cmd,
    }
}

/// The `--format` values each command prints (the path of its subcommands' names, "" for
/// the root, which lists them all): `format_fits` refuses the others, and its help, manual
/// page and completions offer only these (one list, so the two cannot drift:
/// `tests::every_command_accepts_exactly_the_formats_its_help_lists`). A group (`report`, `export`,
/// `service`) offers what any of its commands prints.
fn formats_of(path: &str) -> &'static [Format] {
    use Format::{Csv, Html, Json, Open311Json, Open311Xml, Table, Xml};
    match path {
        "" => &[Table, Csv, Json, Html, Xml, Open311Json, Open311Xml],
        _ if path == "report" || path.starts_with("report ") => &[Table, Csv, Json, Html],
        "export" => &[Table, Csv, Json, Xml],
        // Its table is the GeoReport JSON, its CSV `export csv --public`.
        "export open311" => &[Table, Json, Xml],
        // Its table is CSV, its JSON `export open311`.
        "export csv" => &[Table, Csv],
        "service" | "service list" => &[Table, Csv, Json, Open311Json, Open311Xml],
        _ => &[Table, Csv, Json],
    }
}

/// Gives each command its own copy of the global options, as clap would at the build, but
/// with the `--format` values it prints (`formats_of`): clap copies a global option only to
/// a command that has none of that id, and the copy read fills the run's `GlobalArgs` as the
/// root's would. Each command lists them under their own heading, after its own; at the
/// root they are its own options.
pub(super) fn globals_copied(cmd: clap::Command) -> clap::Command {
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    fn copy(cmd: clap::Command, path: &str, globals: &[clap::Arg]) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        names.into_iter().fold(cmd, |cmd, name| {
            let path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path} {name}")
            };
            cmd.mut_subcommand(&name, |sub| {
                let sub = globals.iter().fold(sub, |sub, global| {
                    let own = match global.get_id().as_str() {
                        "format" => global
                            .clone()
                            .value_parser(FormatsOffered(formats_of(&path))),
                        _ => global.clone(),
                    };
                    sub.arg(own)
                });
                copy(sub, &path, globals)
            })
        })
    }
    copy(cmd, "", &globals).mut_args(|arg| {
        if arg.is_global_set() {
            arg.help_heading(None)
        } else {
            arg
        }
    })
}

/// `--format`'s values with those a command does not print hidden: still read, so that
/// asking for one is answered by the command that prints it (`format_fits`), not by a
/// list of values.
#[derive(Clone)]
struct FormatsOffered(&'static [Format]);

impl clap::builder::TypedValueParser for FormatsOffered {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<Format, clap::Error> {
        clap::builder::EnumValueParser::<Format>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        use clap::ValueEnum;
        Some(Box::new(Format::value_variants().iter().filter_map(
            |format| {
                let value = format.to_possible_value()?;
                Some(value.hide(!self.0.contains(format)))
            },
        )))
    }
}

/// An empty `PHANANH_*` variable (`PHANANH_LANG=` in a script, a variable a sudo rule keeps
/// but nobody set) counts as unset, as an empty `LANG` does for POSIX tools: clap would
/// take it as the value "" and refuse the command (`--lang` needs a value, "" is no time or
/// file). Clap reads the environment when the definition is built and has no setting for
/// this, so the option forgets its variable for this run.
fn without_empty_env(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|arg| {
        let empty = arg
            .get_env()
            .and_then(std::env::var_os)
            .is_some_and(|value| value.is_empty());
        if empty { arg.env(None::<&str>) } else { arg }
    })
}

/// Help and the manual pages name the variable an option reads, never its value: clap's
/// `[env: PHANANH_DB=/srv/…]` put the database's and the key file's paths, as set where the
/// help was asked for, in every page shown, pasted or generated there. The Vietnamese help
/// words the variable itself (`help_vi`).
fn env_named_not_shown(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|arg| {
        if arg.get_env().is_some() {
            arg.hide_env_values(true)
        } else {
            arg
        }
    })
}

/// Parses the command line. Help, the version and usage errors are printed here, in the
/// language asked for, and end the run with the status returned (0, or 2 for bad usage).
pub fn parse() -> std::result::Result<Cli, u8> {
    use clap::FromArgMatches;
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = requested_lang(&args, std::env::var_os("PHANANH_LANG"));
    if let Some(twice) = given_twice(&args) {
        tell_usage_error(
            &format!("{}\n", twice.text(lang)),
            &args,
            crate::exit::USAGE,
        );
        return Err(crate::exit::USAGE);
    }
    // The Vietnamese texts change no argument, only what help says: a command line is
    // parsed without laying them over the whole tree (about 50 ms a run in a debug build),
    // and only one that asks for help is parsed again on the Vietnamese tree to show it. A
    // usage error is worded from the English tree's error, whose usage line is clap's own
    // for what was typed (`phananh list --overdue --ever`), where the Vietnamese tree has
    // the fixed line its help shows (`phananh list [TÙY_CHỌN]`).
    // Help is wrapped to the screen it is read on (an 80-column terminal cuts words
    // otherwise), at most `HELP_WIDTH`. Piped (to `less`, a file, a mail) it is wrapped at
    // `HELP_WIDTH` too, not at the 120 tables get: tables need the room for their columns,
    // prose is read in lines no longer than on the widest screen; unwrapped, one option
    // was one line of 400 characters in a pager or an editor.
    let width = crate::output::layout::screen_width().map_or(HELP_WIDTH, |columns| {
        usize::from(columns.max(crate::output::layout::MIN_WIDTH)).min(HELP_WIDTH)
    });
    let parsed = match command_at(Lang::En, Some(width)).try_get_matches_from(&args) {
        Err(e) if lang == Lang::Vi && shown_by_clap(&e) => {
            command_at(Lang::Vi, Some(width)).try_get_matches_from(&args)
        }
        parsed => parsed,
    };
    let matches = parsed.map_err(|e| usage(&e, lang, &args))?;
    let mut cli = Cli::from_arg_matches(&matches).map_err(|e| usage(&e, lang, &args))?;
    cli.path = path_of(&matches);
    Ok(cli)
}

/// The names of the subcommands `matches` went down (`export open311`).
fn path_of(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut at = matches;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name);
        at = sub;
    }
    names.join(" ")
}

/// Help and the version, which clap prints itself: not errors, though they come as such.
fn shown_by_clap(err: &clap::Error) -> bool {
    use clap::error::ErrorKind;
    matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// The options that say which files a run works on, which the sudo rule of SECURITY.md
/// pins ("A dedicated OS account"): given once at most, anywhere on the command line.
const PINNED: [&str; 2] = ["--db", "--key-file"];

/// The first of `PINNED` given more than once before `--`, said as a usage error. Clap
/// refuses a second one before the subcommand, but one after it (options are global)
/// silently wins over the first: `pa show 5 --reveal --db BACKUP` would work on another
/// file than the one the sudo rule pins. The words are counted as typed, so a value
/// that is itself `--db` (`--reason --db`) is refused too rather than guessed at.
fn given_twice(args: &[OsString]) -> Option<Localized> {
    let words: Vec<_> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy())
        .take_while(|w| w != "--")
        .collect();
    PINNED.iter().find_map(|option| {
        let given = words
            .iter()
            .filter(|w| {
                w.strip_prefix(option)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('='))
            })
            .count();
        (given > 1).then(|| crate::output::context::given_twice(option))
    })
}

fn usage(err: &clap::Error, lang: Lang, args: &[OsString]) -> u8 {
    let status = u8::try_from(err.exit_code()).unwrap_or(crate::exit::USAGE);
    if shown_by_clap(err) {
        // A closed pipe (`phananh --help | head`) is not worth a panic either.
        let _ = err.print();
    } else {
        let said = match lang {
            Lang::En => english_usage_error(err, args),
            Lang::Vi => help_vi::usage_error(err, args),
        };
        tell_usage_error(&said, args, status);
    }
    status
}

/// A usage error on standard error: as one JSON object when the command line asks for
/// `--format json` (a script reads it, as it reads every other error of such a run), else
/// as the text clap's is.
fn tell_usage_error(said: &str, args: &[OsString], status: u8) {
    if asks_for_json(args) {
        crate::output::tell_error_json(crate::exit::USAGE_KIND, said, status);
    } else {
        crate::output::tell_usage_error(said);
    }
}

/// Whether a command line clap refused asks for `--format json`: read as typed, as the
/// language is (`requested_lang`), the last one given winning as it would in clap.
fn asks_for_json(args: &[OsString]) -> bool {
    let mut json = false;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--format" {
            json = words.next().is_some_and(|v| v == "json");
        } else if let Some(value) = word.strip_prefix("--format=") {
            json = value == "json";
        }
    }
    json
}

/// clap's English usage error with its usage line as typed (`help_vi::usage_line`):
/// clap counts an option whose variable is set as given, and showed `--db <PATH>` from
/// `PHANANH_DB` in the line as if the operator had typed it. The build has no colour, so
/// the rendered text is plain. A word past what the command takes is called extra, as in
/// Vietnamese (`output::context::extra_argument`), and the help named is the command's own.
fn english_usage_error(err: &clap::Error, args: &[OsString]) -> String {
    let rendered = err.render().to_string();
    let usage = help_vi::usage_line(err, args);
    let extra =
        help_vi::extra_word(err).map(|word| crate::output::context::extra_argument(word).en);
    let help = crate::output::context::see_help(&help_vi::command_typed(args)).en;
    // A word guessed as a command (`search`, `reject`) is told the command to type, in
    // place of clap's guess by spelling (`service`, or none).
    let natural = help_vi::natural_hint(err, args).map(|hint| format!("  tip: {}", hint.en));
    // Clap's guess of an option the line already gives, dropped with the blank line after it.
    let given = help_vi::guess_already_given(err, args) && natural.is_none();
    let mut lines: Vec<String> = Vec::new();
    let mut natural = natural.into_iter();
    let mut dropped = false;
    for (i, line) in rendered.lines().enumerate() {
        if std::mem::take(&mut dropped) && line.is_empty() {
            continue;
        }
        match (&extra, line.strip_prefix("Usage: "), &usage) {
            (Some(extra), _, _) if i == 0 => lines.push(format!("error: {extra}")),
            _ if given && line.starts_with("  tip: a similar argument exists: ") => dropped = true,
            // Clap's tip, where it gave one; else the hint goes before the usage line.
            _ if line.starts_with("  tip: ") => {
                lines.push(natural.next().unwrap_or_else(|| line.to_owned()));
            }
            (_, Some(_), Some(usage)) => {
                if let Some(natural) = natural.next() {
                    lines.push(natural);
                    lines.push(String::new());
                }
                lines.push(format!("Usage: {usage}"));
            }
            _ if line.starts_with("For more information, try '--help'") => lines.push(help.clone()),
            _ => lines.push(line.to_owned()),
        }
    }
    let mut said = lines.join("\n");
    said.push('\n');
    said
}

/// A format the command typed (`path`) does not print (`formats_of`, what its help lists)
/// is refused before anything is done. Each export has one form of its own: asking one for
/// the other's names the export that has it.
fn format_fits(path: &str, format: Format) -> std::result::Result<(), Localized> {
    if formats_of(path).contains(&format) {
        return Ok(());
    }
    Err(match (path, format) {
        ("export open311", Format::Csv) => {
            crate::output::export::no_such_form(format, "export csv --public")
        }
        ("export csv", Format::Json) => {
            crate::output::export::no_such_form(format, "export open311")
        }
        _ => crate::output::format_only_for(format),
    })
}

/// `--csv` shapes CSV only: with another format it would be silently ignored, and the
/// officer who asked for a spreadsheet would get something else. `export csv` and the
/// `--errors` file of `ingest` are CSV whatever `--format` says; `score` and `report` write
/// CSV for a file named `.csv` too, so they check it once the format is known
/// (`report::csv_fits`). The run's style is chosen here, for every CSV it writes.
fn csv_fits(command: &Command, ctx: &Context) -> Result<()> {
    let Some(style) = ctx.csv else {
        return Ok(());
    };
    let writes_csv = match command {
        Command::Score(_) | Command::Report(_) => true,
        Command::Export(export::ExportCommand::Csv(_)) => true,
        Command::Ingest(args) if args.errors.is_some() => true,
        _ => ctx.format == Format::Csv,
    };
    if !writes_csv {
        bail!(crate::output::csv_style_needs_csv(style, ctx.format));
    }
    crate::output::use_csv_style(style);
    Ok(())
}

/// Runs the command; a failure of the database or its file comes back with the message and
/// exit class its cause calls for (`storage::diagnose`).
pub fn run(cli: Cli) -> Result<u8> {
    let db = cli.global.db.clone().unwrap_or_else(|| match cli.command {
        Command::Demo(_) => PathBuf::from("phananh-demo.sqlite"),
        _ => PathBuf::from("phananh.sqlite"),
    });
    run_command(cli).map_err(|e| crate::app::explain_failure(e, &db))
}

fn run_command(cli: Cli) -> Result<u8> {
    // Refused before anything is done, not after a step was already recorded.
    format_fits(&cli.path, cli.global.format).map_err(|said| anyhow::anyhow!(said))?;
    // Generated from the definitions alone: no database, no clock, no account.
    match &cli.command {
        Command::Completions(args) => return shell::cmd_completions(args, cli.global.lang),
        Command::Man(args) => return shell::cmd_man(args, &cli.global),
        _ => {}
    }
    let mut ctx = context(&cli.global)?;
    ctx.command = cli.path.clone();
    // A bulk or cron writer that waits long for its turn says who holds the database, on
    // stderr in the chosen language (`sweep --quiet` takes this back: cron mails stderr).
    crate::app::tell_waits(ctx.lang, crate::app::WaitsTold::Every);
    csv_fits(&cli.command, &ctx)?;
    match cli.command {
        Command::Init(args) => init::cmd_init(&ctx, &args),
        Command::Demo(args) => demo::cmd_demo(&ctx, &args),
        Command::Field(cmd) => reference::cmd_field(&ctx, cmd),
        Command::Agency(cmd) => reference::cmd_agency(&ctx, cmd),
        Command::Staff(cmd) => reference::cmd_staff(&ctx, cmd),
        Command::Service(cmd) => services::cmd_service(&ctx, cmd),
        Command::Ingest(args) => ingest::cmd_ingest(&ctx, &args),
        Command::Validate(args) => validate::cmd_validate(&ctx, &args),
        Command::Classify(args) => workflow::cmd_classify(&ctx, &args),
        Command::Assign(args) => workflow::cmd_assign(&ctx, &args),
        Command::Answer(args) => workflow::cmd_answer(&ctx, &args),
        Command::Mark(args) => workflow::cmd_mark(&ctx, &args),
        Command::Return(args) => workflow::cmd_return(&ctx, &args),
        Command::Reply(args) => workflow::cmd_reply(&ctx, &args),
        Command::Verify(args) => workflow::cmd_verify(&ctx, &args),
        Command::Publish(args) => workflow::cmd_publish(&ctx, &args),
        Command::Unpublish(args) => workflow::cmd_unpublish(&ctx, &args),
        Command::Rate(args) => workflow::cmd_rate(&ctx, &args),
        Command::Duplicate(args) => workflow::cmd_duplicate(&ctx, &args),
        Command::Show(args) => show::cmd_show(&ctx, &args),
        Command::List(args) => show::cmd_list(&ctx, &args),
        Command::Audit(cmd) => audit::cmd_audit(&ctx, cmd),
        Command::Settings(cmd) => settings::cmd_settings(&ctx, cmd),
        Command::Calendar(cmd) => calendar::cmd_calendar(&ctx, cmd),
        Command::Sweep(args) => sweep::cmd_sweep(&ctx, &args),
        Command::Report(cmd) => report::cmd_report(&ctx, cmd),
        Command::Score(args) => report::cmd_score(&ctx, &args),
        Command::Export(cmd) => export::cmd_export(&ctx, cmd),
        Command::Route(cmd) => route::cmd_route(&ctx, cmd),
        Command::Triage(args) => triage::cmd_triage(&ctx, &args),
        Command::Backup(args) => backup::cmd_backup(&ctx, &args),
        Command::Restore(args) => backup::cmd_restore(&ctx, &args),
        Command::CompleteValues(args) => shell::cmd_complete_values(&ctx, &args),
        Command::Erase(args) => erase::cmd_erase(&ctx, &args),
        Command::Key(cmd) => key::cmd_key(&ctx, cmd),
        Command::Identity(cmd) => identity::cmd_identity(&ctx, cmd),
        Command::Completions(_) | Command::Man(_) => unreachable!("handled before the context"),
    }
}

/// A date typed on the command line (`--from`, `--to`, `--closed-before`, a day of the
/// calendar), read by every option that takes one: a date that is not in the calendar is
/// said to be so, not sent back to a format it was written in.
pub(crate) fn date_value(text: &str) -> std::result::Result<chrono::NaiveDate, Localized> {
    time::read_date(text).map_err(time::BadDate::said)
}

/// A reason as given: typed with `--reason`, or read from the `--reason-file` by the same
/// reading, bound and checks as a result's `--text-file` (clap lets only one of them be
/// given); empty when neither was, which the command refuses in its own words where it needs one.
pub(crate) fn reason_given(
    ctx: &Context,
    typed: &Option<String>,
    file: &Option<std::path::PathBuf>,
) -> Result<String> {
    match (typed, file) {
        (_, Some(file)) => crate::app::workflow::text_from_file(ctx, file, "--reason-file"),
        (typed, None) => Ok(typed.clone().unwrap_or_default()),
    }
}

/// A reporter's name or phone as given: typed as an argument, or read from `file` (`-`:
/// standard input) by the reading, bound and checks of `--reason-file`, so that it stands
/// neither in the process list, which every account on the server reads, nor in sudo's log
/// (SECURITY.md, Law mapping: personal data on the command line). None when neither was.
pub(crate) fn personal_given(
    ctx: &Context,
    typed: &Option<String>,
    file: &Option<std::path::PathBuf>,
    option: &'static str,
) -> Result<Option<String>> {
    match (typed, file) {
        (_, Some(file)) => crate::app::workflow::text_from_file(ctx, file, option).map(Some),
        (typed, None) => Ok(typed.clone()),
    }
}

/// Phones as given: each `--phone` typed, then one a line of the `--phone-file` (`-`:
/// standard input), read as [`personal_given`] reads one; blank lines are no phone.
pub(crate) fn phones_given(
    ctx: &Context,
    typed: &[String],
    file: &Option<std::path::PathBuf>,
) -> Result<Vec<String>> {
    let mut phones = typed.to_vec();
    if let Some(file) = file {
        let text = crate::app::workflow::text_from_file(ctx, file, "--phone-file")?;
        phones.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned),
        );
    }
    Ok(phones)
}

/// Refuses a command in which two options read standard input (`-`): the first would take
/// all of it and the second read nothing, a name read where a phone was meant. Checked
/// before anything is read. `files` pairs each option's name with its value.
pub(crate) fn one_standard_input(files: &[(&'static str, Option<&std::path::Path>)]) -> Result<()> {
    let dashed: Vec<&str> = files
        .iter()
        .filter(|(_, file)| file.is_some_and(|f| f == std::path::Path::new("-")))
        .map(|(option, _)| *option)
        .collect();
    if dashed.len() > 1 {
        anyhow::bail!(crate::output::workflow::standard_input_twice(&dashed));
    }
    Ok(())
}

/// When a reporter's name or phone was typed as an argument (`typed`: each such option and
/// its file form) through sudo, one line saying that other accounts could read it and sudo
/// logged it, and the file form to use next time. Never the value. The command still acts:
/// the exposure has happened, and refusing would only make the request typed again.
pub(crate) fn warn_typed_through_sudo(ctx: &Context, typed: &[(&'static str, &'static str)]) {
    if !typed.is_empty() && crate::app::login::through_sudo() {
        ctx.tell(&crate::output::workflow::personal_data_typed(typed));
    }
}

/// `--force` of every command that writes a report, a score or an export to `--out`: one
/// flag meaning one thing wherever it is taken. Its id is its own (`restore --force` is
/// another flag), so that `help_vi` words it once for all of them.
#[derive(Debug, Args)]
pub struct Replace {
    /// Replace the --out file if it exists (never the database, a backup or a key file).
    #[arg(id = "replace_out", long = "force", requires = "out")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A UTF-8 CSV file with a header line.
    // Its own id, so that `help_vi` words it once for the four reference imports.
    #[arg(id = "import_file", value_name = "FILE")]
    pub file: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command accepts exactly the `--format` values its help (and manual page and
    /// completions) lists: both read `formats_of` under the path of the command's names,
    /// the help by the tree `globals_copied` walks, the gate by the names a command line
    /// went down (`path_of`); `export open311 --format csv` was refused by the export
    /// itself while its help did not offer it, in two lists that could drift.
    #[test]
    fn every_command_accepts_exactly_the_formats_its_help_lists() {
        use clap::ValueEnum;
        fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, Vec<Format>)>) {
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let path = [path, sub.get_name()].join(" ").trim().to_owned();
                let listed = sub
                    .get_arguments()
                    .find(|a| a.get_id() == "format")
                    .map(|a| {
                        a.get_possible_values()
                            .iter()
                            .filter(|v| !v.is_hide_set())
                            .map(|v| Format::from_str(v.get_name(), false).unwrap())
                            .collect()
                    })
                    .unwrap_or_default();
                out.push((path.clone(), listed));
                walk(sub, &path, out);
            }
        }
        let mut commands = Vec::new();
        walk(&command(Lang::En), "", &mut commands);
        assert!(commands.len() > 40, "{commands:?}");
        for (path, listed) in &commands {
            let accepted: Vec<Format> = Format::value_variants()
                .iter()
                .copied()
                .filter(|f| format_fits(path, *f).is_ok())
                .collect();
            assert_eq!(&accepted, listed, "{path}");
            let mut argv = vec!["phananh"];
            argv.extend(path.split(' '));
            let matches = command(Lang::En)
                .ignore_errors(true)
                .try_get_matches_from(&argv)
                .unwrap();
            assert_eq!(&path_of(&matches), path);
        }
    }

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    /// The "Examples" part of a help page: its lines, from the heading to the first line
    /// that is blank or not indented.
    fn examples(help: &str) -> Vec<String> {
        help.lines()
            .skip_while(|l| !matches!(l.trim_end(), "Examples:" | "Example:" | "Ví dụ:"))
            .skip(1)
            .take_while(|l| l.starts_with(' '))
            .map(str::to_owned)
            .collect()
    }

    /// An example is a command line to copy, and a line the help wrapped
    /// is two when pasted (a crontab line cannot even be continued): at 80 columns every
    /// example of every help page, in both languages, reads as written.
    #[test]
    fn every_example_line_stays_whole_on_an_80_column_screen() {
        for lang in [Lang::Vi, Lang::En] {
            let mut written = command_at(lang, Some(0));
            let mut narrow = command_at(lang, Some(80));
            written.build();
            narrow.build();
            let mut pages = vec![(String::new(), written, narrow)];
            let mut checked = 0;
            while let Some((path, mut written, mut narrow)) = pages.pop() {
                let whole = examples(&written.render_long_help().to_string());
                let shown = examples(&narrow.render_long_help().to_string());
                assert_eq!(shown, whole, "{lang:?} `{path}`");
                checked += usize::from(!whole.is_empty());
                for sub in written.get_subcommands() {
                    let name = sub.get_name().to_owned();
                    let Some(narrow_sub) = narrow.find_subcommand(&name) else {
                        continue;
                    };
                    pages.push((
                        format!("{path} {name}"),
                        sub.clone().term_width(0),
                        narrow_sub.clone().term_width(80),
                    ));
                }
            }
            assert!(checked > 20, "{lang:?}: {checked} pages with examples");
        }
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let vi = |w: &[&str], env: Option<&str>| requested_lang(&args(w), env.map(OsString::from));
        assert_eq!(vi(&["phananh", "--help"], None), Lang::Vi);
        assert_eq!(vi(&["phananh", "--lang", "en", "--help"], None), Lang::En);
        assert_eq!(vi(&["phananh", "list", "--lang=en"], None), Lang::En);
        assert_eq!(vi(&["phananh", "list"], Some("en")), Lang::En);
        // The command line wins over the environment, and an unknown value is Vietnamese
        // (clap then refuses it, in Vietnamese).
        assert_eq!(vi(&["phananh", "--lang", "vi"], Some("en")), Lang::Vi);
        assert_eq!(vi(&["phananh", "--lang", "fr"], None), Lang::Vi);
        // After `--`, words are values, not options.
        assert_eq!(vi(&["phananh", "--", "--lang", "en"], None), Lang::Vi);
    }
}
