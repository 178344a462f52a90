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
use chrono::Duration;
use clap::Args;
use dialoguer::theme::SimpleTheme;
use dialoguer::{Confirm, FuzzySelect, MultiSelect, Select};

use crate::app::triage::Meanwhile;
use crate::app::workflow::Performed;
use crate::app::{Context, triage};
use crate::domain::access::{Actor, Operation};
use crate::domain::report::{Report, Status};
use crate::domain::text::mask_name;
use crate::domain::validate::Reason;
use crate::domain::workflow::Action;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::{printable, when};

#[derive(Debug, Args)]
#[command(
    after_help = "Keys: arrows and Enter choose; type to filter fields and agencies; Esc or q \
leaves (nothing half-done is kept); Ctrl-C leaves too and gives the terminal back.

Example:\n  phananh --as tiepnhan.lan triage"
)]
pub struct TriageArgs {}

pub fn cmd_triage(ctx: &Context, _args: &TriageArgs) -> Result<u8> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!(Localized::new(
            "triage cần một cửa sổ dòng lệnh tương tác; trong kịch bản hãy dùng validate, classify và assign.",
            "triage needs an interactive terminal; in scripts use validate, classify and assign",
        ));
    }
    let (conn, actor) = triage::open(ctx)?;
    let keys = ctx.keys(&conn)?;
    // Ctrl-C inside a prompt then comes back as an interrupted read, so the desk can give
    // the terminal back (the prompt hid the cursor) instead of dying with it hidden; a step
    // being written when it is pressed is finished, never cut half-way.
    ctrlc::set_handler(|| {}).map_err(|e| anyhow::anyhow!("installing the Ctrl-C handler: {e}"))?;
    let outcome = desk(&conn, ctx, &actor, &keys);
    let term = console::Term::stderr();
    let _ = term.show_cursor();
    match outcome {
        Err(e) if interrupted(&e) => {
            eprintln!(
                "\n{}",
                ctx.lang.pick("Đã dừng (Ctrl-C).", "Stopped (Ctrl-C).")
            );
            Ok(crate::exit::OK)
        }
        other => other,
    }
}

/// The queue, one report at a time, until it is empty or the operator leaves.
fn desk(
    conn: &rusqlite::Connection,
    ctx: &Context,
    actor: &Actor,
    keys: &crate::app::vault::Keys,
) -> Result<u8> {
    let l = ctx.lang;
    let mut skipped: Vec<i64> = Vec::new();
    loop {
        let Some(report) = triage::next(conn, keys, &mut skipped)? else {
            eprintln!(
                "{}",
                l.pick("Hàng chờ trống. Hết việc!", "The queue is empty.")
            );
            return Ok(crate::exit::OK);
        };
        show(conn, ctx, &report)?;
        let next = match report.status {
            Status::Received => check(conn, ctx, actor, &report)?,
            _ => dispatch(conn, ctx, actor, &report)?,
        };
        match next {
            Next::Again => {}
            Next::Skip => skipped.push(report.id),
            Next::Quit => return Ok(crate::exit::OK),
        }
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

/// The report whole, as the desk must see it before acting on it: no reporter's identity,
/// the clock that runs, and what validation finds missing.
fn show(conn: &rusqlite::Connection, ctx: &Context, r: &Report) -> Result<()> {
    let l = ctx.lang;
    let countdown = match triage::dispatch_due(conn, r.id)? {
        None => String::new(),
        Some(due) => {
            let left = due - ctx.now;
            let text = minutes(left.abs(), l);
            let due = when(&crate::domain::time::format(&due), l);
            if left >= Duration::zero() {
                format!(
                    "{} {due} ({text} {})",
                    l.pick("Hạn phân phối", "Dispatch due"),
                    l.pick("còn lại", "left")
                )
            } else {
                format!(
                    "{} {due} — {} {text}",
                    l.pick("Hạn phân phối", "Dispatch due"),
                    l.pick("QUÁ HẠN", "OVERDUE by")
                )
            }
        }
    };
    let found = triage::found_reasons(conn, r)?;
    let reasons = if found.is_empty() {
        l.pick("đủ điều kiện", "complete").to_owned()
    } else {
        found
            .iter()
            .map(|reason| reason.label(l))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let location = match (r.latitude, r.longitude) {
        (Some(lat), Some(lon)) => format!(" ({lat}, {lon})"),
        _ => String::new(),
    };
    let text = format!(
        "\n{} {} ({}) — {}{}\n{}: {} · {}: {} {}{}\n{}: {} · {}: {}\n{}: {}\n{}\n{}: {}\n{}",
        l.pick("Phản ánh", "Report"),
        r.id,
        r.external_id,
        r.status.text(l),
        if r.urgent {
            l.pick(" — KHẨN", " — URGENT")
        } else {
            ""
        },
        l.pick("Gửi lúc", "Sent"),
        when(&crate::domain::time::format(&r.submitted_at), l),
        l.pick("Nơi", "Where"),
        r.address,
        r.commune,
        location,
        l.pick("Người phản ánh", "Reporter"),
        mask_name(&r.reporter_name),
        l.pick("Hình ảnh/video", "Media"),
        r.media.len(),
        l.pick("Lĩnh vực", "Field"),
        r.field.as_deref().unwrap_or("—"),
        r.content,
        l.pick("Đối chiếu Đ6", "Art. 6 check"),
        reasons,
        countdown
    );
    eprintln!("{}", printable(&text));
    Ok(())
}

fn minutes(d: Duration, l: Lang) -> String {
    let m = d.num_minutes();
    match (m / 60, m % 60, l) {
        (0, m, Lang::Vi) => format!("{m} phút"),
        (h, m, Lang::Vi) => format!("{h} giờ {m} phút"),
        (0, m, Lang::En) => format!("{m} min"),
        (h, m, Lang::En) => format!("{h} h {m} min"),
    }
}

/// A received report: accept, or reject with reasons (validation's own pre-checked).
fn check(conn: &rusqlite::Connection, ctx: &Context, actor: &Actor, r: &Report) -> Result<Next> {
    let l = ctx.lang;
    let found = triage::found_reasons(conn, r)?;
    let items = [
        l.pick("Tiếp nhận (đủ điều kiện)", "Accept (complete)"),
        l.pick("Từ chối tiếp nhận…", "Reject…"),
        l.pick("Bỏ qua", "Skip"),
        l.pick("Thoát", "Quit"),
    ];
    let Some(choice) = Select::with_theme(&SimpleTheme)
        .with_prompt(l.pick("Kiểm tra", "Check"))
        .items(items)
        .default(if found.is_empty() { 0 } else { 1 })
        .interact_opt()?
    else {
        return Ok(Next::Quit);
    };
    let action = match choice {
        0 => Action::Accept,
        1 => {
            let labels: Vec<_> = Reason::ALL.iter().map(|x| x.text(l)).collect();
            let checked: Vec<bool> = Reason::ALL.iter().map(|x| found.contains(x)).collect();
            let Some(picked) = MultiSelect::with_theme(&SimpleTheme)
                .with_prompt(l.pick(
                    "Lý do (Space để chọn, Enter để xong)",
                    "Reasons (Space to tick, Enter when done)",
                ))
                .items(&labels)
                .defaults(&checked)
                .interact_opt()?
            else {
                return Ok(Next::Again);
            };
            if picked.is_empty() {
                eprintln!(
                    "{}",
                    l.pick(
                        "Chưa chọn lý do nào; không từ chối.",
                        "No reason ticked; not rejected."
                    )
                );
                return Ok(Next::Again);
            }
            Action::Reject {
                reasons: picked
                    .iter()
                    .map(|&i| Reason::ALL[i].code().to_owned())
                    .collect(),
            }
        }
        2 => return Ok(Next::Skip),
        _ => return Ok(Next::Quit),
    };
    act(conn, ctx, actor, r, Operation::Validate, action)?;
    Ok(Next::Again)
}

/// Chooses one of `items` by typing to filter. The first entry is "back": with nothing
/// pre-selected the cursor rests on it, so a stray Enter chooses nothing. None: back, Esc.
fn pick(
    l: Lang,
    prompt: (&str, &str),
    items: &[String],
    preselected: Option<usize>,
) -> Result<Option<usize>> {
    let back = l
        .pick("↩ Quay lại (không chọn gì)", "↩ Back (choose nothing)")
        .to_owned();
    let mut all = Vec::with_capacity(items.len() + 1);
    all.push(back);
    all.extend(items.iter().cloned());
    let hint = match preselected {
        Some(_) => l.pick(
            " — gợi ý đã chọn sẵn; gõ để lọc",
            " — suggestion pre-selected; type to filter",
        ),
        None => l.pick(
            " — không có gợi ý; gõ để lọc",
            " — no suggestion; type to filter",
        ),
    };
    let chosen = FuzzySelect::with_theme(&SimpleTheme)
        .with_prompt(format!("{}{hint}", l.pick(prompt.0, prompt.1)))
        .items(&all)
        .default(preselected.map_or(0, |i| i + 1))
        .interact_opt()?;
    Ok(chosen.and_then(|i| i.checked_sub(1)))
}

/// An accepted or returned report: field (suggestion pre-selected), agency (route
/// pre-selected), urgency, then dispatch.
fn dispatch(conn: &rusqlite::Connection, ctx: &Context, actor: &Actor, r: &Report) -> Result<Next> {
    let l = ctx.lang;
    let Some(choice) = Select::with_theme(&SimpleTheme)
        .with_prompt(l.pick("Phân phối", "Dispatch"))
        .items([
            l.pick("Phân loại và phân phối", "Classify and dispatch"),
            l.pick("Bỏ qua", "Skip"),
            l.pick("Thoát", "Quit"),
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
    let choice = triage::field_choice(conn, r)?;
    let field_items: Vec<String> = choice
        .fields
        .iter()
        .map(|(f, score)| {
            let score = score.map(|s| format!(" [{s}]")).unwrap_or_default();
            format!("{} — {}{score}", f.code, f.name)
        })
        .collect();
    let Some(index) = pick(l, ("Lĩnh vực", "Field"), &field_items, choice.preselected)? else {
        return Ok(Next::Again);
    };
    let field = choice.fields[index].0.code.clone();
    let choice = triage::agency_choice(conn, r, &field)?;
    if let Some(back) = &choice.returned_by {
        eprintln!(
            "{}",
            printable(&l.pick(
                format!(
                    "Bảng phân phối giao lĩnh vực {field} cho {}, chính cơ quan đã trả lại phản ánh này lúc {} (Đ8.1.b): không chọn sẵn.",
                    back.named, back.at.vi
                ),
                format!(
                    "The routing table gives field {field} to {}, the agency that returned this report on {} (Đ8.1.b): not pre-selected.",
                    back.named, back.at.en
                ),
            ))
        );
    }
    let agency_items: Vec<String> = choice
        .agencies
        .iter()
        .map(|a| format!("{} — {}", a.code, a.name))
        .collect();
    let Some(index) = pick(
        l,
        ("Cơ quan xử lý", "Agency"),
        &agency_items,
        choice.preselected,
    )?
    else {
        return Ok(Next::Again);
    };
    let agency = choice.agencies[index].code.clone();
    // Waits for Enter after y or n: a key typed out of habit (`n⏎`) must not carry over to
    // the next report's prompt.
    let Some(urgent) = Confirm::with_theme(&SimpleTheme)
        .with_prompt(l.pick("Khẩn cấp? (y/n rồi Enter)", "Urgent? (y/n, then Enter)"))
        .default(r.urgent)
        .wait_for_newline(true)
        .interact_opt()?
    else {
        return Ok(Next::Again);
    };
    // Classified only now, with the agency and urgency chosen: leaving half-way keeps nothing.
    match triage::classify(conn, ctx, actor, r, &field) {
        Ok(Some(done)) => performed(ctx, &done),
        Ok(None) => {}
        Err(e) => {
            refused(conn, ctx, e)?;
            return Ok(Next::Again);
        }
    }
    act(
        conn,
        ctx,
        actor,
        r,
        Operation::Assign,
        Action::Assign { agency, urgent },
    )?;
    Ok(Next::Again)
}

/// Performs a chosen step. A refused one, or one on a report another desk moved meanwhile,
/// is said and the queue goes on (the report comes up again if it is still to be done):
/// the operator stays at the desk, and only a failure of the database ends the session.
fn act(
    conn: &rusqlite::Connection,
    ctx: &Context,
    actor: &Actor,
    r: &Report,
    operation: Operation,
    action: Action,
) -> Result<()> {
    match triage::act(conn, ctx, actor, r, operation, action) {
        Ok(done) => performed(ctx, &done),
        Err(e) => refused(conn, ctx, e)?,
    }
    Ok(())
}

/// Says why a step was not done, or gives back an error that is no refusal.
fn refused(conn: &rusqlite::Connection, ctx: &Context, e: anyhow::Error) -> Result<()> {
    let l = ctx.lang;
    let text = if let Some(Meanwhile(id)) = e.downcast_ref::<Meanwhile>() {
        triage::meanwhile(conn, *id)?.text(l).to_owned()
    } else if crate::exit::status_of(&e) == crate::exit::FAILURE
        && e.chain()
            .any(|c| c.is::<Localized>() || c.is::<crate::exit::Failure>())
    {
        crate::exit::message_of(&e, l)
    } else {
        return Err(e);
    };
    eprintln!("✗ {}", printable(&text));
    Ok(())
}

/// One line on the terminal for a step done.
fn performed(ctx: &Context, done: &Performed) {
    let l = ctx.lang;
    eprintln!(
        "✓ {} {}: {} → {}",
        l.pick("Phản ánh", "Report"),
        done.id,
        done.from.text(l),
        done.to.text(l)
    );
}
