//! The workflow commands (docs/rules.md §2): classify, assign, answer, mark, return, reply,
//! verify, publish, unpublish, rate, duplicate. Each parses its arguments into an
//! `app::workflow::Request`, runs it, and prints what was done.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use crate::app::Context;
use crate::app::workflow::{self, Performed, Preview, Request};
use crate::output::{Format, render};

#[derive(Debug, Args)]
pub struct IdArgs {
    /// Report number, or ext:APPID.
    pub id: String,
}

// Exactly one of the two: a result typed, or one read from a file ("@traloi.txt" typed as
// the result was recorded and published as it stood).
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("result").required(true).args(["text", "text_file"]))]
pub struct TextArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The result, as the citizen will read it. For line breaks use --text-file (a typed \n
    /// breaks no line).
    #[arg(long, allow_hyphen_values = true)]
    pub text: Option<String>,
    /// The result read from a plain-text UTF-8 file (`-`: standard input): a long answer
    /// written in Word is saved first as Plain Text (.txt), UTF-8.
    #[arg(long, value_name = "FILE")]
    pub text_file: Option<std::path::PathBuf>,
}

impl TextArgs {
    /// The result as given: typed, or read from its file.
    fn text(&self, ctx: &Context) -> Result<String> {
        match (&self.text, &self.text_file) {
            (_, Some(file)) => workflow::text_from_file(ctx, file, "--text-file"),
            (text, None) => Ok(text.clone().unwrap_or_default()),
        }
    }
}

// Exactly one of the two, as a result's `--text` and `--text-file` are.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("why").required(true).args(["reason", "reason_file"]))]
pub struct ReasonArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// Why, in a few words (kept in the audit log every role reads: name no one in it, nor
    /// write anyone's phone).
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
    /// The reason read from a plain-text UTF-8 file (`-`: standard input), as --text-file
    /// reads a result.
    #[arg(long, value_name = "FILE")]
    pub reason_file: Option<std::path::PathBuf>,
}

// One group of the two ways to name the agency: a bare `assign 5` is then told of both, where
// `required_unless_present` named only --agency and left --auto unknown.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("to").required(true).args(["agency", "auto"]))]
pub struct AssignArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// Code of the agency that must handle it (see `phananh agency list`).
    #[arg(long)]
    pub agency: Option<String>,
    /// The agency the routing table gives the report's field and commune (`route list`).
    #[arg(long)]
    pub auto: bool,
    /// Urgent (Đ7.2): listed first everywhere; the portal calls the agency's leader at once.
    #[arg(long)]
    pub urgent: bool,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The content touches state secrets (Đ9.3): no public output will ever show it.
    #[arg(long, required = true)]
    pub state_secret: bool,
    /// Ask nothing: at a terminal the report is otherwise shown and the mark confirmed
    /// first (off a terminal nothing is asked either way).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("decision").required(true).args(["approve", "send_back"]))]
#[command(group = clap::ArgGroup::new("why").args(["reason", "reason_file"]))]
pub struct VerifyArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The result is correct and complete: it may be published.
    #[arg(long)]
    pub approve: bool,
    /// The result is not good enough: back to the agency for another round.
    #[arg(long, requires = "why")]
    pub send_back: bool,
    /// Why it goes back (required with --send-back, or --reason-file).
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
    /// Why it goes back, read from a plain-text UTF-8 file (`-`: standard input), as
    /// --text-file reads a result.
    #[arg(long, value_name = "FILE")]
    pub reason_file: Option<std::path::PathBuf>,
}

// Exactly one of the two, as `return`'s reason.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("why").required(true).args(["reason", "reason_file"]))]
pub struct UnpublishArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// Why it is taken out of public view, in a few words: who asked, for what (kept in
    /// the audit log).
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
    /// The reason read from a plain-text UTF-8 file (`-`: standard input), as --text-file
    /// reads a result.
    #[arg(long, value_name = "FILE")]
    pub reason_file: Option<std::path::PathBuf>,
    /// Ask nothing: at a terminal the report is otherwise shown and the takedown confirmed
    /// first (off a terminal nothing is asked either way).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct RateArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The citizen's rating, 1 (very unsatisfied) to 5 (very satisfied).
    #[arg(long, allow_hyphen_values = true, value_parser = parse_score)]
    pub score: u8,
}

/// A score outside the scale is a mistyped command line (exit 2), said before any report is
/// read: the workflow's own check would answer with the report's status first.
fn parse_score(text: &str) -> Result<u8, crate::i18n::Localized> {
    match text.trim().parse::<u8>() {
        Ok(score @ 1..=5) => Ok(score),
        _ => Err(crate::output::workflow::not_a_score()),
    }
}

#[derive(Debug, Args)]
pub struct DuplicateArgs {
    /// The report to merge (number, or ext:APPID).
    pub id: String,
    /// The original report it repeats.
    #[arg(long)]
    pub of: String,
    /// Ask nothing: at a terminal both reports are otherwise shown side by side and the
    /// merge confirmed first (off a terminal nothing is asked either way).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("how").required(true).args(["field", "suggest"]))]
pub struct ClassifyArgs {
    /// Report number or ext:APPID (with --suggest: optional, several allowed).
    pub ids: Vec<String>,
    /// The field code to set (see `phananh field list`).
    #[arg(long)]
    pub field: Option<String>,
    /// Suggest fields from keywords in the content, with their scores. Without IDs: every
    /// accepted report that has no field yet.
    #[arg(long)]
    pub suggest: bool,
    /// With --suggest: apply each suggestion that is clear (a strictly best score of at least
    /// the setting classify.auto_min_score, default 1).
    #[arg(long, requires = "suggest")]
    pub apply: bool,
}

/// Prints one step: a sentence on a terminal, an object for scripts.
pub fn print_performed(ctx: &Context, done: &Performed) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    match ctx.format {
        other @ (Format::Html | Format::Xml | Format::Open311Json | Format::Open311Xml) => {
            return Err(crate::output::format_only_for(other).into());
        }
        Format::Json => {
            crate::output::write_json(&mut out, done)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = crate::output::SafeCsv::new(out);
            w.serialize(done)?;
            w.flush()?;
        }
        Format::Table => {
            let what = done.what(ctx.lang);
            let line = crate::output::workflow::step_line(
                (done.id, &done.external_id),
                &what,
                done.event,
                ctx.lang,
            );
            writeln!(out, "{line}")?;
            if let Some(quoted) = done
                .content
                .as_deref()
                .and_then(|content| crate::output::workflow::content_line(content, ctx.lang))
            {
                writeln!(out, "{quoted}")?;
            }
        }
    }
    Ok(crate::exit::OK)
}

fn step(ctx: &Context, reference: &str, request: Request) -> Result<u8> {
    let done = workflow::step(ctx, reference, request)?;
    said(ctx, &done)
}

/// What a step says besides its line, then the line.
fn said(ctx: &Context, done: &Performed) -> Result<u8> {
    let notices =
        crate::output::workflow::media_naming_reporter(done.id, &done.media_naming_reporter)
            .into_iter()
            .chain(done.hidden.as_ref().map(|hidden| {
                crate::output::workflow::personal_data_made_public(done.id, hidden, &done.items)
            }))
            .chain(crate::output::workflow::people_named_made_public(
                done.id,
                &done.exposure,
                done.people_unshown,
                done.public_since.as_ref(),
            ))
            .chain(crate::output::workflow::late_notices(
                done.id,
                &done.late,
                done.action == crate::domain::event::EventKind::Return,
            ))
            .chain(
                done.unstaffed
                    .as_ref()
                    .map(crate::output::directory::unstaffed),
            )
            .chain(
                done.takedown_lost_at.as_deref().map(|at| {
                    crate::output::workflow::published_after_a_lost_takedown(done.id, at)
                }),
            );
    for notice in notices {
        ctx.status(&notice.vi, &notice.en);
    }
    print_performed(ctx, done)
}

/// Whether a final step asks first: only a person at a terminal (keys read from standard
/// input, the question on standard error) who did not say `--yes`. Scripts, cron and pipes
/// run it as they always did.
fn asks(yes: bool, stdin_is_terminal: bool, stderr_is_terminal: bool) -> bool {
    !yes && stdin_is_terminal && stderr_is_terminal
}

/// A step that cannot be undone (`duplicate`, `mark --state-secret`, `unpublish`): at a terminal, the
/// reports it acts on are shown and the step taken only on a yes (`c` or `y`, then Enter);
/// any other answer writes nothing and exits 1, as a step not taken. A step that would be
/// refused is not asked about: it refuses as it always did.
fn final_step(ctx: &Context, reference: &str, request: Request, yes: bool) -> Result<u8> {
    use std::io::IsTerminal;
    let opened = workflow::open(ctx)?;
    let at_terminal = asks(
        yes,
        std::io::stdin().is_terminal(),
        std::io::stderr().is_terminal(),
    );
    if at_terminal && let Some(shown) = opened.preview(ctx, reference, &request)? {
        let l = ctx.lang;
        let (question, refusal) = match &shown {
            Preview::Merge { merged, original } => (
                crate::output::confirm::before_merge(merged, original, l),
                crate::output::confirm::not_merged(merged.id, original.id),
            ),
            Preview::StateSecret(report) => (
                crate::output::confirm::before_state_secret(report, l),
                crate::output::confirm::not_marked(report.id),
            ),
            Preview::Unpublish(report) => (
                crate::output::confirm::before_unpublish(report, l),
                crate::output::confirm::not_unpublished(report.id),
            ),
        };
        // Ctrl-C at the question then comes back as an interrupted read, answered as a no
        // with the cursor given back, instead of ending the process with it hidden.
        ctrlc::set_handler(|| {})
            .map_err(|e| anyhow::anyhow!("installing the Ctrl-C handler: {e}"))?;
        let term = console::Term::stderr();
        let answer = crate::output::prompt::yes_or_no(
            &term,
            &question,
            false,
            crate::output::prompt::final_step_key,
            l,
        );
        let _ = term.show_cursor();
        if !matches!(answer, Ok(Some(true))) {
            return Err(refusal.into());
        }
    }
    let done = opened.step(ctx, reference, request)?;
    said(ctx, &done)
}

pub fn cmd_assign(ctx: &Context, args: &AssignArgs) -> Result<u8> {
    let request = Request::Assign {
        agency: args.agency.clone(),
        urgent: args.urgent,
    };
    step(ctx, &args.id, request)
}

pub fn cmd_answer(ctx: &Context, args: &TextArgs) -> Result<u8> {
    let text = args.text(ctx)?;
    step(ctx, &args.id, Request::Answer { text })
}

pub fn cmd_mark(ctx: &Context, args: &MarkArgs) -> Result<u8> {
    final_step(ctx, &args.id, Request::MarkStateSecret, args.yes)
}

pub fn cmd_return(ctx: &Context, args: &ReasonArgs) -> Result<u8> {
    let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
    step(ctx, &args.id, Request::Return { reason })
}

pub fn cmd_reply(ctx: &Context, args: &TextArgs) -> Result<u8> {
    let text = args.text(ctx)?;
    step(ctx, &args.id, Request::Reply { text })
}

pub fn cmd_verify(ctx: &Context, args: &VerifyArgs) -> Result<u8> {
    let request = if args.approve {
        Request::Approve
    } else {
        let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
        Request::SendBack { reason }
    };
    step(ctx, &args.id, request)
}

pub fn cmd_publish(ctx: &Context, args: &IdArgs) -> Result<u8> {
    step(ctx, &args.id, Request::Publish)
}

pub fn cmd_unpublish(ctx: &Context, args: &UnpublishArgs) -> Result<u8> {
    let reason = super::reason_given(ctx, &args.reason, &args.reason_file)?;
    final_step(ctx, &args.id, Request::Unpublish { reason }, args.yes)
}

pub fn cmd_rate(ctx: &Context, args: &RateArgs) -> Result<u8> {
    step(ctx, &args.id, Request::Rate { score: args.score })
}

pub fn cmd_duplicate(ctx: &Context, args: &DuplicateArgs) -> Result<u8> {
    let of = args.of.clone();
    final_step(ctx, &args.id, Request::Duplicate { of }, args.yes)
}

pub fn cmd_classify(ctx: &Context, args: &ClassifyArgs) -> Result<u8> {
    if let Some(field) = &args.field {
        let [id] = args.ids.as_slice() else {
            let said = crate::output::workflow::one_report_with_field();
            return Err(crate::exit::Failure::usage(said).into());
        };
        let field = field.clone();
        return step(ctx, id, Request::Classify { field });
    }
    let rows = workflow::suggest(ctx, &args.ids, args.apply)?;
    render(&mut std::io::stdout().lock(), &rows, ctx.format, ctx.lang)?;
    if args.apply {
        // The count a person acts on: how many are done, and which are still theirs, by
        // number, with the command for the first ("còn 1 chưa rõ" sent the operator to
        // read the table for which one).
        let applied = rows.iter().filter(|r| r.applied).count();
        let unclear: Vec<i64> = rows.iter().filter(|r| !r.applied).map(|r| r.id).collect();
        let notice = crate::output::workflow::classified(applied, &unclear);
        ctx.status(&notice.vi, &notice.en);
    } else {
        let clear = rows.iter().filter(|r| r.clear).count();
        let unclear: Vec<i64> = rows.iter().filter(|r| !r.clear).map(|r| r.id).collect();
        if let Some(notice) = crate::output::workflow::suggested_only(clear, &unclear) {
            ctx.tell(&notice);
        }
    }
    Ok(crate::exit::OK)
}

#[cfg(test)]
mod tests {
    use super::asks;

    #[test]
    fn only_a_person_at_a_terminal_without_yes_is_asked() {
        assert!(asks(false, true, true));
        assert!(!asks(true, true, true));
        // A script: keys piped in, or the messages captured.
        assert!(!asks(false, false, true));
        assert!(!asks(false, true, false));
        assert!(!asks(false, false, false));
        assert!(!asks(true, false, false));
    }
}
