//! `completions SHELL`, `man` and the hidden `complete-values KIND`: generated from the same
//! clap definitions as `--help` (in the language asked for), so they can never disagree with
//! the commands. The completion scripts complete values too: the fixed ones (statuses,
//! stages, roles) in every shell, and those that live in the database (agency and field
//! codes) or in the calendar (report periods) by calling `phananh complete-values` where the
//! shell allows a command there (bash, fish).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::builder::PossibleValuesParser;
use clap::{Args, ValueEnum};

use crate::app::Context;
use crate::i18n::Lang;
use crate::output::shell::{escape, roff_line};

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
#[command(after_help = "Examples:
  phananh man --out /usr/local/share/man/man1 && man phananh-report-monthly
  phananh --lang en man --out /usr/local/share/man/man1")]
pub struct ManArgs {
    /// Folder to write the pages to (phananh.1, phananh-report-monthly.1, …); created if
    /// missing. Without it: the phananh(1) page on standard output.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// What `complete-values` lists. A `--period` takes one kind of period per command: the
/// scripts ask for the kind the command typed takes (`months` for `report monthly`,
/// `score-periods` for `score`), `periods` when they cannot tell.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ValueKind {
    Statuses,
    Periods,
    Months,
    Quarters,
    HalfYears,
    Years,
    ScorePeriods,
    Agencies,
    Fields,
    Stages,
    Roles,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  phananh complete-values agencies")]
pub struct CompleteValuesArgs {
    /// The kind of value: statuses, periods (months, quarters, half-years, years, or those
    /// `score` takes: score-periods), agencies, fields, stages, roles.
    #[arg(value_enum)]
    pub kind: ValueKind,
}

/// Options whose values are fixed by the rules: offered by every shell's script.
fn fixed_values(long: &str) -> Option<Vec<&'static str>> {
    use crate::domain::access::Role;
    use crate::domain::deadline::Stage;
    use crate::domain::report::Status;
    match long {
        "status" => Some(Status::ALL.iter().map(|s| s.as_str()).collect()),
        "stage" => Some(
            [
                Stage::Dispatch,
                Stage::Return,
                Stage::Process,
                Stage::Publish,
            ]
            .iter()
            .map(|s| s.as_str())
            .collect(),
        ),
        "role" => Some(Role::ALL.iter().map(|r| r.as_str()).collect()),
        _ => None,
    }
}

/// The command tree as the scripts see it: the fixed values attached to their options.
fn completion_command(lang: Lang) -> clap::Command {
    fn attach(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        let mut cmd = cmd.mut_args(|arg| {
            let values = arg.get_long().and_then(fixed_values);
            match values {
                // Only the script reads this parser; parsing uses the command's own.
                Some(values) if arg.get_possible_values().is_empty() => {
                    arg.value_parser(PossibleValuesParser::new(values))
                }
                _ => arg,
            }
        });
        for name in names {
            cmd = cmd.mut_subcommand(&name, attach);
        }
        cmd
    }
    attach(super::command(lang))
}

/// The bash script asks phananh for the values of these options; the rest is clap's.
const BASH_VALUES: &str = r#"
# Values from phananh itself (statuses, report periods, agency and field codes).
_phananh_values() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" kind=""
    case "$prev" in
        --status) kind=statuses ;;
        --period)
            # Each command's --period takes one kind: offer only that kind.
            case " ${COMP_WORDS[*]} " in
                *" monthly "*) kind=months ;;
                *" quarterly "*) kind=quarters ;;
                *" half-year "*) kind=half-years ;;
                *" annual "*) kind=years ;;
                *" score "*) kind=score-periods ;;
                *) kind=periods ;;
            esac ;;
        --agency|--parent) kind=agencies ;;
        --field) kind=fields ;;
        --stage) kind=stages ;;
        --role) kind=roles ;;
    esac
    if [[ -n "$kind" ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(phananh complete-values "$kind" 2>/dev/null)" -- "$cur"))
        return 0
    fi
    _phananh "$@"
}
complete -F _phananh_values -o nosort -o bashdefault -o default phananh
"#;

const FISH_VALUES: &str = r"
# Values from phananh itself (statuses, report periods, agency and field codes).
complete -c phananh -l status -x -a '(phananh complete-values statuses 2>/dev/null)'
complete -c phananh -n '__fish_seen_subcommand_from monthly' -l period -x -a '(phananh complete-values months 2>/dev/null)'
complete -c phananh -n '__fish_seen_subcommand_from quarterly' -l period -x -a '(phananh complete-values quarters 2>/dev/null)'
complete -c phananh -n '__fish_seen_subcommand_from half-year' -l period -x -a '(phananh complete-values half-years 2>/dev/null)'
complete -c phananh -n '__fish_seen_subcommand_from annual' -l period -x -a '(phananh complete-values years 2>/dev/null)'
complete -c phananh -n '__fish_seen_subcommand_from score' -l period -x -a '(phananh complete-values score-periods 2>/dev/null)'
complete -c phananh -l agency -x -a '(phananh complete-values agencies 2>/dev/null)'
complete -c phananh -l parent -x -a '(phananh complete-values agencies 2>/dev/null)'
complete -c phananh -l field -x -a '(phananh complete-values fields 2>/dev/null)'
";

pub fn cmd_completions(args: &CompletionsArgs, lang: Lang) -> Result<u8> {
    let mut command = completion_command(lang);
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    // Into memory first: the generator panics on a closed pipe (`| head`), a write does not.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "phananh", &mut script);
    match args.shell {
        Shell::Bash => script.extend_from_slice(BASH_VALUES.as_bytes()),
        Shell::Fish => script.extend_from_slice(FISH_VALUES.as_bytes()),
        Shell::Zsh => {}
    }
    std::io::stdout().lock().write_all(&script)?;
    Ok(crate::exit::OK)
}

/// The values `kind` completes to, one a line. Reads no report and needs no account (codes
/// are reference data, like the calendar); without a database there is nothing to offer,
/// and of the codes only those the log vouches for (`app::directory::codes`).
pub fn cmd_complete_values(ctx: &Context, args: &CompleteValuesArgs) -> Result<u8> {
    use crate::app::directory::{Codes, codes};
    let fixed = |long: &str| -> Vec<String> {
        fixed_values(long)
            .unwrap_or_default()
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    use crate::domain::periodic::{self, PeriodKind};
    let today = ctx.now.date_naive();
    // A completion offers nothing rather than an error when the database cannot be read.
    let values: Vec<String> = match args.kind {
        ValueKind::Statuses => fixed("status"),
        ValueKind::Stages => fixed("stage"),
        ValueKind::Roles => fixed("role"),
        ValueKind::Periods => periodic::recent_periods(today),
        ValueKind::Months => periodic::recent_periods_of(today, PeriodKind::Month),
        ValueKind::Quarters => periodic::recent_periods_of(today, PeriodKind::Quarter),
        ValueKind::HalfYears => periodic::recent_periods_of(today, PeriodKind::HalfYear),
        ValueKind::Years => periodic::recent_periods_of(today, PeriodKind::Year),
        // What `score --period` reads (`app::report::score_period`): no month.
        ValueKind::ScorePeriods => [PeriodKind::Quarter, PeriodKind::HalfYear, PeriodKind::Year]
            .into_iter()
            .flat_map(|kind| periodic::recent_periods_of(today, kind))
            .collect(),
        ValueKind::Agencies => codes(ctx, Codes::Agencies).unwrap_or_default(),
        ValueKind::Fields => codes(ctx, Codes::Fields).unwrap_or_default(),
    };
    let mut out = std::io::stdout().lock();
    for value in values {
        writeln!(out, "{value}")?;
    }
    Ok(crate::exit::OK)
}

/// The date the pages' text last changed, as a manual page states it.
const PAGES_DATE: &str = "2026-12-02";

/// One page: the command at `path` (empty: the root) under its page name.
struct Page {
    name: String,
    path: Vec<String>,
    cmd: clap::Command,
}

/// Every page: phananh(1) and one per command and subcommand, named `phananh-a-b` as git's
/// are, each with the synopsis `phananh a b`.
fn pages(lang: Lang) -> Vec<Page> {
    fn no_help_command(cmd: clap::Command) -> clap::Command {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        let mut cmd = cmd.disable_help_subcommand(true);
        for name in names {
            cmd = cmd.mut_subcommand(&name, no_help_command);
        }
        cmd
    }
    // Each page lists the options every command takes after its own, as `--help` does.
    let root = no_help_command(super::globals_copied(
        <super::Cli as clap::CommandFactory>::command(),
    ));
    let mut root = match lang {
        Lang::Vi => super::help_vi::localize(root, None),
        Lang::En => {
            let mut root = root;
            root.build();
            root
        }
    };
    // NAME reads "phananh - …", not "phananh - phananh — …".
    let about = root.get_about().map(|a| a.to_string()).unwrap_or_default();
    let about = about
        .strip_prefix("phananh — ")
        .unwrap_or(&about)
        .to_owned();
    root = root.about(about);
    let mut out = Vec::new();
    collect(&root, Vec::new(), &mut out);
    out
}

fn collect(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Page>) {
    if cmd.is_hide_set() {
        return;
    }
    let name = page_name(&path);
    let mut page = cmd.clone().display_name(name.clone());
    // The subcommands' display names make the SUBCOMMANDS list read `phananh-a-b(1)`.
    let children: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for child in &children {
        let mut child_path = path.clone();
        child_path.push(child.clone());
        let child_name = page_name(&child_path);
        page = page.mut_subcommand(child, |s| s.display_name(child_name));
    }
    out.push(Page {
        name,
        path: path.clone(),
        cmd: page,
    });
    for sub in cmd.get_subcommands() {
        let mut sub_path = path.clone();
        sub_path.push(sub.get_name().to_owned());
        collect(sub, sub_path, out);
    }
}

fn page_name(path: &[String]) -> String {
    std::iter::once("phananh")
        .chain(path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes phananh(1), or every page into `--out`.
pub fn cmd_man(args: &ManArgs, global: &super::GlobalArgs) -> Result<u8> {
    let lang = global.lang;
    let pages = pages(lang);
    match &args.out {
        None => {
            let mut text = Vec::new();
            render(&pages[0], &pages, lang, &mut text)?;
            std::io::stdout().lock().write_all(&text)?;
        }
        Some(dir) => {
            let rendered = pages
                .iter()
                .map(|page| {
                    let mut text = Vec::new();
                    render(page, &pages, lang, &mut text)?;
                    Ok((page.name.clone(), text))
                })
                .collect::<Result<Vec<_>>>()?;
            let db = global
                .db
                .clone()
                .unwrap_or_else(|| std::path::PathBuf::from("phananh.sqlite"));
            let beside = crate::app::manual::Beside {
                db: &db,
                key_file: global.key_file.as_deref(),
            };
            let written = crate::app::manual::write_pages(dir, &rendered, &beside)?;
            crate::output::tell(&crate::output::shell::pages_written(written, dir), lang);
        }
    }
    Ok(crate::exit::OK)
}

/// One page: clap_mangen's sections, then ENVIRONMENT, EXIT STATUS, EXAMPLES (the help's)
/// and SEE ALSO (the parent's page, the subcommands' pages and phananh(1), every one of them
/// written), with Vietnamese section names when the page is Vietnamese.
fn render(page: &Page, all: &[Page], lang: Lang, out: &mut Vec<u8>) -> Result<()> {
    let man = clap_mangen::Man::new(page.cmd.clone())
        .date(PAGES_DATE)
        .source(format!("phananh {}", env!("CARGO_PKG_VERSION")))
        .manual(crate::output::shell::manual(lang));
    let mut body = Vec::new();
    man.render_title(&mut body)?;
    man.render_name_section(&mut body)?;
    man.render_synopsis_section(&mut body)?;
    man.render_description_section(&mut body)?;
    if page.cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut body)?;
    }
    if page.cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut body)?;
    }
    // clap_mangen puts a blank line between two `.br` before a list of values; mandoc
    // rightly calls the first break useless. One break reads the same.
    let mut text = crate::output::shell::sections_named(
        &String::from_utf8(body)?.replace("\n.br\n\n.br\n", "\n.br\n"),
        lang,
    );
    text.push_str(&crate::output::shell::environment(lang));
    text.push_str(&crate::output::shell::exit_status(lang));
    let lines = examples(&page.cmd);
    if !lines.is_empty() {
        text.push_str(&format!(
            ".SH {}\n.nf\n",
            crate::output::shell::examples_heading(lang)
        ));
        for line in lines {
            text.push_str(&roff_line(&line));
            text.push('\n');
        }
        text.push_str(".fi\n");
    }
    let mut see: Vec<&str> = Vec::new();
    if !page.path.is_empty() {
        let parent = page_name(&page.path[..page.path.len() - 1]);
        if let Some(p) = all.iter().find(|p| p.name == parent) {
            see.push(&p.name);
        }
    }
    for p in all {
        if p.path.len() == page.path.len() + 1 && p.path.starts_with(&page.path) {
            see.push(&p.name);
        }
    }
    if !page.path.is_empty() && !see.contains(&"phananh") {
        see.insert(0, "phananh");
    }
    if !see.is_empty() {
        text.push_str(&format!(
            ".SH {}\n",
            crate::output::shell::see_also_heading(lang)
        ));
        // Every reference but the last ends with a comma, as man pages list them.
        for (i, name) in see.iter().enumerate() {
            let comma = if i + 1 < see.len() { "," } else { "" };
            text.push_str(&format!(".BR {} (1){comma}\n", escape(name)));
        }
    }
    // Vietnamese letters are UTF-8: say so, for groff's preconv and for mandoc.
    out.extend_from_slice(b".\\\" -*- coding: utf-8 -*-\n");
    out.extend_from_slice(text.as_bytes());
    Ok(())
}

/// The example lines of a command's help; a command group's are its subcommands' first.
fn examples(cmd: &clap::Command) -> Vec<String> {
    let own = |cmd: &clap::Command| -> Vec<String> {
        cmd.get_after_help()
            .map(|text| {
                text.to_string()
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.trim_end().ends_with(':'))
                    .map(|l| l.trim_start().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mine = own(cmd);
    if !mine.is_empty() {
        return mine;
    }
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set())
        .filter_map(|s| own(s).into_iter().next())
        .collect()
}
