//! `triage`: the reception desk's queue on a terminal (dialoguer). It shows the next report
//! — urgent first, then oldest — with its dispatch deadline counting down, and offers what
//! reception does with it: accept or reject (with the reasons validation found pre-checked),
//! the field (the keyword suggestion pre-selected), the agency (the routing table's choice
//! pre-selected), urgency; or skip, or quit. Every choice is performed by the same
//! `workflow::perform` as the plain commands, so it is checked and logged the same way.

use std::collections::HashSet;
use std::io::IsTerminal;

use anyhow::{Result, bail};
use chrono::Duration;
use clap::Args;
use dialoguer::theme::SimpleTheme;
use dialoguer::{Confirm, MultiSelect, Select};

use crate::Localized;
use crate::app::Context;
use crate::app::workflow::perform;
use crate::domain::access::{Actor, Operation};
use crate::domain::classify;
use crate::domain::deadline::Stage;
use crate::domain::report::{Report, Status};
use crate::domain::text::mask_name;
use crate::domain::time;
use crate::domain::validate::Reason;
use crate::domain::workflow::Action;
use crate::output::{Lang, printable};
use crate::storage::{clocks, reference, reports, routes};

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
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Validate, None)?;
    let l = ctx.lang;
    let mut skipped: HashSet<i64> = HashSet::new();
    loop {
        let queue = reports::list(
            &conn,
            &reports::Filter {
                statuses: vec![Status::Received, Status::Accepted, Status::Returned],
                ..Default::default()
            },
        )?;
        let Some(report) = queue.into_iter().find(|r| !skipped.contains(&r.id)) else {
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
    let deadline = clocks::of_report(conn, r.id)?
        .into_iter()
        .rfind(|c| c.stage == Stage::Dispatch && c.stopped_at.is_none())
        .and_then(|c| time::stored(&c.due_at));
    let countdown = match deadline {
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
        l.pick(r.status.label_vi(), r.status.label_en()),
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
    let thresholds = crate::app::settings::language_thresholds(conn)?;
    let found = crate::app::validate::reasons_for(r, &thresholds);
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
            let labels: Vec<&str> = Reason::ALL
                .iter()
                .map(|x| l.pick(x.vietnamese(), x.english()))
                .collect();
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
    let fields = reference::fields(conn)?;
    let keywords = crate::app::workflow::field_keywords(conn)?;
    let suggested = classify::suggest(&r.content, &r.category_hint, &keywords);
    let preferred = r
        .field
        .clone()
        .or_else(|| suggested.first().map(|s| s.field.clone()));
    let field_items: Vec<String> = fields
        .iter()
        .map(|f| {
            let score = suggested
                .iter()
                .find(|s| s.field == f.code)
                .map(|s| format!(" [{}]", s.score))
                .unwrap_or_default();
            format!("{} — {}{score}", f.code, f.name)
        })
        .collect();
    let default_field = preferred
        .and_then(|p| fields.iter().position(|f| f.code == p))
        .unwrap_or(0);
    let field = fields[Select::with_theme(&SimpleTheme)
        .with_prompt(l.pick(
            "Lĩnh vực (gợi ý đã chọn sẵn)",
            "Field (the suggestion is pre-selected)",
        ))
        .items(&field_items)
        .default(default_field)
        .interact()?]
    .code
    .clone();
    if r.field.as_deref() != Some(field.as_str()) {
        act(
            conn,
            ctx,
            actor,
            r,
            Operation::Classify,
            Action::Classify {
                field: field.clone(),
            },
        )?;
    }
    let agencies = reference::agencies(conn)?;
    let table = routes::all(conn)?;
    let routed = crate::domain::routing::pick(&table, &field, &r.commune).map(|x| x.agency.clone());
    let default_agency = routed
        .and_then(|code| agencies.iter().position(|a| a.code == code))
        .unwrap_or(0);
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
    let done = perform(conn, ctx, actor, &r.id.to_string(), operation, |_, _| {
        Ok(action)
    })?;
    let l = ctx.lang;
    eprintln!(
        "✓ {} {}: {} → {}",
        l.pick("Phản ánh", "Report"),
        done.id,
        l.pick(done.from.label_vi(), done.from.label_en()),
        l.pick(done.to.label_vi(), done.to.label_en())
    );
    Ok(())
}
