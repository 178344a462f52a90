//! `triage`: the reception desk's queue on a terminal (dialoguer). It shows the next report
//! — urgent first, then oldest — with its dispatch deadline counting down, and offers what
//! reception does with it: accept or reject (with the reasons validation found pre-checked),
//! the field (the keyword suggestion pre-selected), the agency (the routing table's choice
//! pre-selected), urgency; or skip, or quit. The queue, the proposals and the steps are
//! `app::triage`'s (each step the same `workflow::perform` as the plain commands, so it is
//! checked and logged the same way); this asks and shows.

use std::collections::HashSet;
use std::io::IsTerminal;

use anyhow::{Result, bail};
use chrono::Duration;
use clap::Args;
use dialoguer::theme::SimpleTheme;
use dialoguer::{Confirm, MultiSelect, Select};

use crate::app::workflow::Performed;
use crate::app::{Context, triage};
use crate::domain::access::{Actor, Operation};
use crate::domain::report::{Report, Status};
use crate::domain::text::mask_name;
use crate::domain::time;
use crate::domain::validate::Reason;
use crate::domain::workflow::Action;
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::printable;

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  phananh --as tiepnhan.lan triage")]
pub struct TriageArgs {}

pub fn cmd_triage(ctx: &Context, _args: &TriageArgs) -> Result<u8> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        bail!(Localized::new(
            "triage cần một cửa sổ dòng lệnh tương tác; trong kịch bản hãy dùng validate, classify và assign.",
            "triage needs an interactive terminal; in scripts use validate, classify and assign",
        ));
    }
    let (conn, actor) = triage::open(ctx)?;
    let l = ctx.lang;
    let mut skipped: HashSet<i64> = HashSet::new();
    loop {
        let Some(report) = triage::next(&conn, &skipped)? else {
            eprintln!(
                "{}",
                l.pick("Hàng chờ trống. Hết việc!", "The queue is empty.")
            );
            return Ok(crate::exit::OK);
        };
        show(&conn, ctx, &report)?;
        let next = match report.status {
            Status::Received => check(&conn, ctx, &actor, &report)?,
            _ => dispatch(&conn, ctx, &actor, &report)?,
        };
        match next {
            Next::Again => {}
            Next::Skip => {
                skipped.insert(report.id);
            }
            Next::Quit => return Ok(crate::exit::OK),
        }
    }
}

enum Next {
    Again,
    Skip,
    Quit,
}

/// The report as the desk sees it: no reporter's identity, and the clock that runs.
fn show(conn: &rusqlite::Connection, ctx: &Context, r: &Report) -> Result<()> {
    let l = ctx.lang;
    let countdown = match triage::dispatch_due(conn, r.id)? {
        None => String::new(),
        Some(due) => {
            let left = due - ctx.now;
            let text = minutes(left.abs(), l);
            if left >= Duration::zero() {
                format!(
                    "{} {} ({text})",
                    l.pick("Hạn phân phối", "Dispatch due"),
                    time::format(&due)
                ) + &format!(" — {}", l.pick("còn lại", "left"))
            } else {
                format!(
                    "{} {} — {} {text}",
                    l.pick("Hạn phân phối", "Dispatch due"),
                    time::format(&due),
                    l.pick("QUÁ HẠN", "OVERDUE by")
                )
            }
        }
    };
    let content: String = r.content.chars().take(400).collect();
    eprintln!(
        "\n{} {} ({}) — {}{}\n{}: {} · {}: {} {}\n{}: {}\n{}\n{}",
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
        time::format(&r.submitted_at),
        l.pick("Nơi", "Where"),
        printable(&r.address),
        printable(&r.commune),
        l.pick("Người phản ánh", "Reporter"),
        mask_name(&r.reporter_name),
        printable(&content),
        countdown
    );
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
    let choice = Select::with_theme(&SimpleTheme)
        .with_prompt(l.pick("Kiểm tra", "Check"))
        .items(items)
        .default(if found.is_empty() { 0 } else { 1 })
        .interact()?;
    let action = match choice {
        0 => Action::Accept,
        1 => {
            let labels: Vec<_> = Reason::ALL.iter().map(|x| x.text(l)).collect();
            let checked: Vec<bool> = Reason::ALL.iter().map(|x| found.contains(x)).collect();
            let picked = MultiSelect::with_theme(&SimpleTheme)
                .with_prompt(l.pick(
                    "Lý do (Space để chọn, Enter để xong)",
                    "Reasons (Space to tick, Enter when done)",
                ))
                .items(&labels)
                .defaults(&checked)
                .interact()?;
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

/// An accepted or returned report: field (suggestion pre-selected), agency (route
/// pre-selected), urgency, then dispatch.
fn dispatch(conn: &rusqlite::Connection, ctx: &Context, actor: &Actor, r: &Report) -> Result<Next> {
    let l = ctx.lang;
    let choice = Select::with_theme(&SimpleTheme)
        .with_prompt(l.pick("Phân phối", "Dispatch"))
        .items([
            l.pick("Phân loại và phân phối", "Classify and dispatch"),
            l.pick("Bỏ qua", "Skip"),
            l.pick("Thoát", "Quit"),
        ])
        .default(0)
        .interact()?;
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
    let field = choice.fields[Select::with_theme(&SimpleTheme)
        .with_prompt(l.pick(
            "Lĩnh vực (gợi ý đã chọn sẵn)",
            "Field (the suggestion is pre-selected)",
        ))
        .items(&field_items)
        .default(choice.preselected)
        .interact()?]
    .0
    .code
    .clone();
    if let Some(done) = triage::classify(conn, ctx, actor, r, &field)? {
        performed(ctx, &done);
    }
    let (agencies, default_agency) = triage::agency_choice(conn, r, &field)?;
    let agency_items: Vec<String> = agencies
        .iter()
        .map(|a| format!("{} — {}", a.code, a.name))
        .collect();
    let agency = agencies[Select::with_theme(&SimpleTheme)
        .with_prompt(l.pick(
            "Cơ quan xử lý (theo bảng định tuyến)",
            "Agency (from the routing table)",
        ))
        .items(&agency_items)
        .default(default_agency)
        .interact()?]
    .code
    .clone();
    let urgent = Confirm::with_theme(&SimpleTheme)
        .with_prompt(l.pick("Khẩn cấp?", "Urgent?"))
        .default(r.urgent)
        .interact()?;
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

fn act(
    conn: &rusqlite::Connection,
    ctx: &Context,
    actor: &Actor,
    r: &Report,
    operation: Operation,
    action: Action,
) -> Result<()> {
    let done = triage::act(conn, ctx, actor, r, operation, action)?;
    performed(ctx, &done);
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
