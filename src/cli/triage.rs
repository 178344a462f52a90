//! `triage`: the reception desk's queue on a terminal (dialoguer). It shows the next report
//! whole — urgent first, then oldest — with its dispatch deadline counting down and what
//! validation finds missing, and offers what reception does with it: accept or reject (with
//! those reasons pre-checked), the field (the keyword suggestion pre-selected, if any), the
//! agency (the routing table's choice pre-selected, if any; only agencies that still
//! exist), both filtered by typing, urgency (confirmed with Enter); or skip (the report
//! comes back at the end of the queue), or quit (Esc, q, Ctrl-C). The queue, the proposals and the steps are
//! `app::triage`'s (each step the same `workflow::perform` as the plain commands, so it is
//! checked and logged the same way); this asks and shows.

use std::io::IsTerminal;

use anyhow::{Result, bail};
use clap::Args;
use console::{Key, Term};
use dialoguer::theme::Theme;
use dialoguer::{MultiSelect, Select};

use crate::app::triage::{Meanwhile, Session};
use crate::app::workflow::Performed;
use crate::app::{Context, triage};
use crate::domain::access::Operation;
use crate::domain::report::{Report, Status};
use crate::domain::text::{fold, typed_matches};
use crate::domain::validate::Reason;
use crate::domain::workflow::Action;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::output::layout::paragraph;
use crate::output::printable;
use crate::output::triage::{Choice, Prompt, desk_text, say, width};

#[derive(Debug, Args)]
#[command(
    after_help = "Keys: arrows and Enter choose; type to filter fields and agencies, marks optional. At a \
report's later questions (the field, the agency, the reasons for rejecting, Urgent?) Esc goes back to its \
first question, keeping nothing half-done; Esc or q at that first question leaves the desk; Ctrl-C leaves \
from anywhere and gives the terminal back.

Example:\n  phananh --as tiepnhan.lan triage"
)]
pub struct TriageArgs {}

pub fn cmd_triage(ctx: &Context, _args: &TriageArgs) -> Result<u8> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!(crate::output::triage::needs_terminal());
    }
    let desk_open = triage::start(ctx)?;
    // Ctrl-C inside a prompt then comes back as an interrupted read, so the desk can give
    // the terminal back (the prompt hid the cursor) instead of dying with it hidden; a step
    // being written when it is pressed is finished, never cut half-way.
    ctrlc::set_handler(|| {}).map_err(|e| anyhow::anyhow!("installing the Ctrl-C handler: {e}"))?;
    let outcome = desk(&desk_open, ctx);
    let term = console::Term::stderr();
    let _ = term.show_cursor();
    match outcome {
        Err(e) if interrupted(&e) => {
            crate::output::triage::stopped(ctx.lang);
            Ok(crate::exit::OK)
        }
        other => other,
    }
}

/// The queue, one report at a time, until it is empty or the operator leaves.
fn desk(open: &Session, ctx: &Context) -> Result<u8> {
    let l = ctx.lang;
    let mut skipped = triage::Skipped::default();
    loop {
        let Some((report, round)) = open.next(&mut skipped)? else {
            say(crate::output::triage::emptied(open.waiting_elsewhere()?).text(l));
            return left_out(open);
        };
        if let Some(n) = round {
            say(crate::output::triage::round_again(n).text(l));
        }
        let shown = crate::output::triage::Shown {
            due: open.dispatch_due(report.id, &ctx.now)?,
            found: open.found_reasons(&report)?,
            returned: open.last_return(&report)?,
            repeat_of: open.repeat_of(&report)?,
        };
        crate::output::triage::show(&report, &shown, l);
        let next = match report.status {
            Status::Received => check(open, ctx, &report)?,
            _ => dispatch(open, ctx, &report)?,
        };
        match next {
            Next::Again => {}
            Next::Skip => skipped.push(report.id),
            Next::Quit => return left_out(open),
        }
    }
}

/// The desk's exit: the reports it left out of the queue, their identity not opened, named
/// as `list` names them (exit 5); else success.
fn left_out(open: &Session) -> Result<u8> {
    let unopened = open.unopened();
    match crate::output::show::identities_unopened(
        crate::output::show::UnopenedBy::Desk,
        (&unopened.key, &unopened.edited, &unopened.replaced),
    ) {
        Some(failure) => Err(failure.into()),
        None => Ok(crate::exit::OK),
    }
}

/// Whether a prompt was left with Ctrl-C.
fn interrupted(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<dialoguer::Error>()
            .is_some_and(|d| matches!(d, dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted))
            || cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::Interrupted)
    })
}

enum Next {
    Again,
    Skip,
    Quit,
}

/// dialoguer's plain look, with every answer echoed wrapped at a word like the rest of the
/// desk: dialoguer writes the question and the answer as one line, which the terminal cut
/// mid-word ("tỉnh C|à Mau"). The yes-or-no question is `output::prompt`'s.
struct Desk {
    width: u16,
}

impl Desk {
    fn new() -> Desk {
        Desk { width: width() }
    }
}

impl Theme for Desk {
    fn format_select_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> std::fmt::Result {
        write!(f, "{}", echo(prompt, sel, self.width))
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> std::fmt::Result {
        // Each reason is a sentence, already wrapped under its tick box: joined again into
        // one text to be wrapped as the echo.
        let picked = selections
            .iter()
            .flat_map(|s| s.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ");
        write!(f, "{}", echo(prompt, &picked, self.width))
    }
}

/// A question and the answer chosen, as the desk echoes them: "Cơ quan xử lý: SXD — Sở Xây
/// dựng tỉnh Cà Mau", wrapped at words within `width`.
fn echo(prompt: &str, answer: &str, width: u16) -> String {
    desk_text(&format!("{prompt}: {answer}"), width)
}

/// The columns before a reason's text in the list of reasons: `"> [x] "`.
const TICK_BOX: u16 = 6;

enum Checked {
    Accept,
    Reject,
    Skip,
    Quit,
}

/// A received report: accept, or reject with reasons (validation's own pre-checked). One the
/// check finds incomplete is not offered for acceptance: reception refuses it (Đ7.1.a),
/// as `validate` does, with no override. Nor is a reason the check refutes offered for a
/// rejection (`Reason::may_cite`): a complete report rejected "for want of content" was a
/// false record, final, of what the citizen sent.
fn check(open: &Session, ctx: &Context, r: &Report) -> Result<Next> {
    let l = ctx.lang;
    let found = open.found_reasons(r)?;
    let mut items = Vec::new();
    if found.is_empty() {
        items.push((Checked::Accept, Choice::Accept.text(l)));
    } else {
        say(crate::output::triage::cannot_accept(l));
    }
    items.extend([
        (Checked::Reject, Choice::Reject.text(l)),
        (Checked::Skip, Choice::Skip.text(l)),
        (Checked::Quit, Choice::Quit.text(l)),
    ]);
    let theme = Desk::new();
    let Some(choice) = Select::with_theme(&theme)
        .with_prompt(Prompt::Check.text(l))
        .items(items.iter().map(|(_, label)| *label))
        .default(0)
        .interact_opt()?
    else {
        return Ok(Next::Quit);
    };
    let action = match items[choice].0 {
        Checked::Accept => {
            let done = open.accept(ctx, r)?;
            say(&crate::output::triage::accepted(
                done.id, r.status, done.to, l,
            ));
            if !done.reasons.is_empty() {
                say(&done
                    .reasons
                    .iter()
                    .map(|x| x.text(l))
                    .collect::<Vec<_>>()
                    .join(" "));
            }
            return Ok(Next::Again);
        }
        Checked::Reject => {
            // Wrapped here, each line under the tick box: the prompt counts the lines an
            // entry has when it clears them, not the ones the terminal would make of it.
            let inside = width().saturating_sub(TICK_BOX);
            let citable: Vec<Reason> = Reason::ALL
                .into_iter()
                .filter(|x| x.may_cite(&found))
                .collect();
            if found.is_empty() {
                say(crate::output::triage::complete_yet_rejected(l));
            }
            let labels: Vec<String> = citable
                .iter()
                .map(|x| {
                    paragraph(&x.text(l), inside)
                        .replace('\n', &format!("\n{}", " ".repeat(usize::from(TICK_BOX))))
                })
                .collect();
            let checked: Vec<bool> = citable.iter().map(|x| found.contains(x)).collect();
            let Some(picked) = MultiSelect::with_theme(&theme)
                .with_prompt(Prompt::Reasons.text(l))
                .items(&labels)
                .defaults(&checked)
                .interact_opt()?
            else {
                return Ok(Next::Again);
            };
            if picked.is_empty() {
                crate::output::triage::no_reason_ticked(l);
                return Ok(Next::Again);
            }
            Action::Reject {
                reasons: picked
                    .iter()
                    .map(|&i| citable[i].code().to_owned())
                    .collect(),
            }
        }
        Checked::Skip => return Ok(Next::Skip),
        Checked::Quit => return Ok(Next::Quit),
    };
    act(open, ctx, r, Operation::Validate, action)?;
    Ok(Next::Again)
}

/// Chooses one of `items` by typing to filter. The first entry is "back": with nothing
/// pre-selected the cursor rests on it, so a stray Enter chooses nothing. None: back, Esc.
/// Each item is its entry and an aside listed after it (a suggestion's score), which helps
/// the choice and is not echoed: once chosen, `"[2]"` would mean nothing.
fn pick(
    l: Lang,
    prompt: Prompt,
    items: &[(String, String)],
    preselected: Option<usize>,
) -> Result<Option<usize>> {
    let back = crate::output::triage::back(l).to_owned();
    let mut all = Vec::with_capacity(items.len() + 1);
    all.push((back, String::new()));
    all.extend(
        items
            .iter()
            .map(|(item, aside)| (printable(item).into_owned(), printable(aside).into_owned())),
    );
    let hint = crate::output::triage::filter_hint(preselected.is_some(), l);
    let chosen = filter_select(
        &Term::stderr(),
        (prompt.text(l), hint),
        &all,
        preselected.map_or(0, |i| i + 1),
        l,
    )?;
    Ok(chosen.and_then(|i| i.checked_sub(1)))
}

/// A list chosen from by typing, matched as `list --search` matches: whatever the case and
/// the diacritics, each word typed the start of a word of the entry ("nuoc" finds "Cấp
/// nước", "xay dung" "Sở Xây dựng", as desk keyboards often type). dialoguer's FuzzySelect
/// matches the marks and the case as typed and takes no other matcher, so the list is drawn
/// here, with its keys: arrows (or Tab) move, typing filters, Backspace erases, Enter
/// chooses, Esc leaves. Each line is cut to the terminal's width, so that it is one line to
/// clear. The question is drawn with its hint (`prompt`: both), the answer echoed with the
/// question alone, wrapped like the rest of the desk: the hint is for a question still
/// open. None: Esc.
fn filter_select(
    term: &Term,
    (prompt, hint): (&str, &str),
    items: &[(String, String)],
    default: usize,
    l: Lang,
) -> std::io::Result<Option<usize>> {
    let folded: Vec<String> = items.iter().map(|(item, _)| fold(item)).collect();
    let mut typed = String::new();
    let mut shown: Vec<usize> = (0..items.len()).collect();
    let mut at = default.min(items.len().saturating_sub(1));
    let mut top = 0;
    // The entry the cursor is on, remembered while nothing matches what is typed.
    let mut on: Option<usize> = None;
    let mut drawn = 0;
    term.hide_cursor()?;
    loop {
        let (rows, columns) = term.size();
        let room = usize::from(rows).saturating_sub(2).max(1);
        if at < top {
            top = at;
        } else if at >= top + room {
            top = at + 1 - room;
        }
        let mut lines = vec![format!("{prompt}{hint} {typed}|")];
        if shown.is_empty() {
            lines.push(crate::output::triage::nothing_matches(l).to_owned());
        }
        for (row, &item) in shown.iter().enumerate().skip(top).take(room) {
            let cursor = if row == at { ">" } else { " " };
            let (entry, aside) = &items[item];
            lines.push(format!("{cursor} {entry}{aside}"));
        }
        term.clear_last_lines(drawn)?;
        let fit = usize::from(columns).saturating_sub(1).max(1);
        for line in &lines {
            term.write_line(&console::truncate_str(line, fit, "…"))?;
        }
        drawn = lines.len();
        term.flush()?;
        match term.read_key()? {
            Key::Escape => {
                term.clear_last_lines(drawn)?;
                term.show_cursor()?;
                return Ok(None);
            }
            Key::Enter if !shown.is_empty() => {
                term.clear_last_lines(drawn)?;
                let chosen = shown[at];
                term.write_line(&echo(prompt, &items[chosen].0, width()))?;
                term.show_cursor()?;
                return Ok(Some(chosen));
            }
            Key::ArrowUp | Key::BackTab if !shown.is_empty() => {
                at = (at + shown.len() - 1) % shown.len();
            }
            Key::ArrowDown | Key::Tab if !shown.is_empty() => {
                at = (at + 1) % shown.len();
            }
            Key::Backspace if !typed.is_empty() => {
                typed.pop();
                on = shown.get(at).copied().or(on);
                shown = matching(&folded, &typed);
                (at, top) = (kept(&shown, on), 0);
            }
            Key::Char(c) if !c.is_control() => {
                typed.push(c);
                on = shown.get(at).copied().or(on);
                shown = matching(&folded, &typed);
                (at, top) = (kept(&shown, on), 0);
            }
            _ => {}
        }
    }
}

/// Where the cursor goes in `shown` once the typed text changed: on the entry it was `on`
/// while that still matches (the suggested field, the routed agency: typing "s" to look
/// further took the cursor off the route's agency, and Enter then dispatched to the first
/// "Sở" listed); on the first match when it was filtered out.
fn kept(shown: &[usize], on: Option<usize>) -> usize {
    on.and_then(|item| shown.iter().position(|&i| i == item))
        .unwrap_or(0)
}

/// The entries (by index) whose folded text `typed` matches, in their order.
fn matching(folded: &[String], typed: &str) -> Vec<usize> {
    folded
        .iter()
        .enumerate()
        .filter(|(_, item)| typed_matches(item, typed))
        .map(|(i, _)| i)
        .collect()
}

/// An accepted or returned report: field (suggestion pre-selected), agency (route
/// pre-selected), urgency, then dispatch.
fn dispatch(open: &Session, ctx: &Context, r: &Report) -> Result<Next> {
    let l = ctx.lang;
    let Some(choice) = Select::with_theme(&Desk::new())
        .with_prompt(Prompt::Dispatch.text(l))
        .items([
            Choice::ClassifyAndDispatch.text(l),
            Choice::Skip.text(l),
            Choice::Quit.text(l),
        ])
        .default(0)
        .interact_opt()?
    else {
        return Ok(Next::Quit);
    };
    match choice {
        0 => {}
        1 => return Ok(Next::Skip),
        _ => return Ok(Next::Quit),
    }
    let choice = open.field_choice(r)?;
    let field_items: Vec<(String, String)> = choice
        .fields
        .iter()
        .map(|(f, score)| {
            let score = score.map(|s| format!(" [{s}]")).unwrap_or_default();
            (format!("{} — {}", f.code, f.name), score)
        })
        .collect();
    let Some(index) = pick(l, Prompt::Field, &field_items, choice.preselected)? else {
        return Ok(Next::Again);
    };
    let field = choice.fields[index].0.code.clone();
    let choice = open.agency_choice(r, &field, ctx.acting_day())?;
    if let Some(back) = &choice.returned_by {
        say(&crate::output::triage::routed_to_returner(
            &field,
            &back.named,
            &back.at,
            l,
        ));
    }
    // Beside the code, which no narrow screen cuts off.
    let agency_items: Vec<(String, String)> = choice
        .agencies
        .iter()
        .map(|a| {
            let mark = if choice.returned.contains(&a.code) {
                crate::output::triage::returned_mark(l)
            } else {
                ""
            };
            (format!("{}{mark} — {}", a.code, a.name), String::new())
        })
        .collect();
    let Some(index) = pick(l, Prompt::Agency, &agency_items, choice.preselected)? else {
        return Ok(Next::Again);
    };
    let agency = choice.agencies[index].code.clone();
    let urgent = crate::output::prompt::yes_or_no(
        &Term::stderr(),
        Prompt::Urgent.text(l),
        r.urgent,
        crate::output::triage::yes_no_key,
        l,
    )?;
    let Some(urgent) = urgent else {
        return Ok(Next::Again);
    };
    if r.urgent && !urgent {
        say(crate::output::triage::stays_urgent(l));
    }
    // Classified only now, with the agency and urgency chosen, and with the dispatch in one
    // transaction: leaving half-way, or being stopped between the two, keeps nothing.
    match open.dispatch(ctx, r, &field, (&agency, urgent)) {
        Ok(done) => {
            if let Some(set) = &done.replaced {
                say(crate::output::triage::field_replaced(
                    r.id,
                    (&set.field, set.by.as_deref()),
                    &field,
                )
                .text(l));
            }
            if let Some(classified) = &done.classified {
                performed(ctx, classified);
            }
            performed(ctx, &done.assigned);
            if let Some(note) = open.dispatched_back(r, &agency)? {
                say(note.text(l));
            }
        }
        Err(e) => refused(open, ctx, e)?,
    }
    Ok(Next::Again)
}

/// Performs a chosen step. A refused one, or one on a report another desk moved meanwhile,
/// is said and the queue goes on (the report comes up again if it is still to be done):
/// the operator stays at the desk, and only a failure of the database ends the session.
/// Whether it was done.
fn act(
    open: &Session,
    ctx: &Context,
    r: &Report,
    operation: Operation,
    action: Action,
) -> Result<bool> {
    match open.act(ctx, r, operation, action) {
        Ok(done) => {
            performed(ctx, &done);
            Ok(true)
        }
        Err(e) => {
            refused(open, ctx, e)?;
            Ok(false)
        }
    }
}

/// Says why a step was not done, or gives back an error that is no refusal.
fn refused(open: &Session, ctx: &Context, e: anyhow::Error) -> Result<()> {
    let l = ctx.lang;
    let text = if let Some(Meanwhile(id)) = e.downcast_ref::<Meanwhile>() {
        open.meanwhile(*id)?.text(l).to_owned()
    } else if crate::exit::status_of(&e) == crate::exit::FAILURE
        && e.chain().any(crate::exit::is_worded)
    {
        crate::exit::message_of(&e, l)
    } else {
        return Err(e);
    };
    say(&crate::output::triage::refused(&text));
    Ok(())
}

/// A step done, as the plain command says it: a classify names the field it recorded.
fn performed(ctx: &Context, done: &Performed) {
    let l = ctx.lang;
    say(&crate::output::triage::performed(done.id, &done.what(l), l));
}
