//! `demo`: builds a database afresh from the examples embedded in the binary and plays the
//! three months of example reports (August–October 2026) through the whole workflow, in
//! time order, the way the portal and the agencies would have: reception checks and
//! dispatches, agencies return or reply, the portal sends some back, verifies, publishes,
//! citizens rate. Every step goes through the same code as the commands, under real
//! accounts, so the result is a database like a real one, with an intact audit chain.
//! Replaces an earlier demo database, never a file that holds anything else. The playing
//! itself is `play`'s; this command chooses what is played and prints what happened.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::Duration;
use clap::Args;
use rusqlite::Connection;

use crate::app::Context;
use crate::app::play;
use crate::domain::report::Status;
use crate::domain::time::{self, Timestamp};
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::Format;
use crate::storage::{self, Identity, reports};

const REPORTS: &str = include_str!("../../examples/reports.csv");

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # the shipped examples, Aug–Oct 2026
  phananh demo
  # your own reports (ingest CSV format), played the same way
  phananh demo --db thu.sqlite --reports my.csv")]
pub struct DemoArgs {
    /// Play these reports (the ingest CSV format) instead of the shipped examples.
    #[arg(long, value_name = "CSV")]
    pub reports: Option<PathBuf>,
    /// Stop playing at this moment [default: 31/10/2026 17:20 for the examples; two hours
    /// after the last report of --reports].
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
}

/// The moment the demo stops: just after the last example report arrives. Steps planned
/// after it are not played, so the newest reports stay open at several stages.
const DEMO_END: &str = "2026-10-31T17:20:00+07:00";

pub fn cmd_demo(ctx: &Context, args: &DemoArgs) -> Result<u8> {
    let path = ctx
        .db
        .clone()
        .unwrap_or_else(|| PathBuf::from("phananh-demo.sqlite"));
    let reports = match &args.reports {
        None => REPORTS.to_owned(),
        Some(file) => {
            std::fs::read_to_string(file).map_err(|e| crate::output::demo::cannot_read(file, &e))?
        }
    };
    let source = match &args.reports {
        None => "examples/reports.csv".to_owned(),
        Some(file) => file.display().to_string(),
    };
    // A few months of reports: read whole and put in time order (the player needs them so).
    let mut arrivals = play::Arrivals::new(reports.as_bytes())?.collect::<Result<Vec<_>>>()?;
    arrivals.sort_by_key(|a| a.submitted);
    let Some(first) = arrivals.iter().find_map(|a| a.submitted) else {
        bail!(crate::output::demo::nothing_to_play());
    };
    let last = arrivals
        .iter()
        .rev()
        .find_map(|a| a.submitted)
        .unwrap_or(first);
    let end = match (&args.until, &args.reports) {
        (Some(text), _) => time::stored(text).ok_or_else(|| {
            Localized::new(
                format!("--until \"{text}\" không phải thời điểm hợp lệ; dùng RFC 3339."),
                format!("--until \"{text}\" is not a valid time; use RFC 3339"),
            )
        })?,
        (None, None) => time::parse(DEMO_END)?.expect("DEMO_END is a time"),
        (None, Some(_)) => last + Duration::hours(2),
    };
    clear_earlier_demo(&path)?;
    // The accounts and reference data exist from the first day played; the replay's clock
    // is pinned (a demo database is in `trust` mode, which lets it time its steps).
    let mut ctx = Context {
        db: Some(path.clone()),
        now: time::start_of_day(first.date_naive()),
        login: crate::app::login::caller(&path),
        pinned: true,
        // A demo's key lives beside it, made anew with it.
        key_file: None,
        ..ctx.clone()
    };
    // Before the database is made: a folder or a file at the key path left a half-made
    // database behind that the next `demo` refused as "not a demo"
    // (`keys::a_folder_where_a_key_is_made_is_named_and_moved_away_not_removed`).
    crate::app::vault::check_key_path_free(&ctx)?;
    let conn = play::create(&path, &ctx, true)?;
    let options = play::Options {
        end,
        open_from: None,
        source,
        duplicate_percent: 35,
    };
    let played = play::play(
        &conn,
        &mut ctx,
        arrivals.into_iter().map(Ok),
        &options,
        &mut |_| {},
    )?;
    if let Some(malformed) = played.actions.get("malformed") {
        let notice = crate::output::demo::malformed_not_loaded(*malformed);
        ctx.status(&notice.vi, &notice.en);
    }
    print(&conn, &ctx, &path, &played, end)?;
    // The demo ends with what the portal sends the People's Committee for the month played.
    let month = time::format(&end);
    let period = crate::domain::periodic::Period::month(&month[..7])
        .expect("a timestamp's year and month make a month");
    let keep = crate::output::report::keep(Format::Table);
    let built = crate::app::report::build(&ctx, &conn, period, &end, keep)?;
    crate::output::report::print_tables(&mut std::io::stdout().lock(), &built, ctx.lang)?;
    Ok(crate::exit::OK)
}

/// Removes an earlier demo database (and its WAL files). Anything else is left alone.
fn clear_earlier_demo(path: &Path) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    if path.is_dir() {
        bail!(storage::diagnose::a_folder(path));
    }
    let (identity, demo) = storage::inspect(path).unwrap_or((Identity::Foreign, false));
    match (identity, demo) {
        (Identity::Empty, _) | (Identity::Phananh, true) => {
            for suffix in ["", "-wal", "-shm", ".key"] {
                let mut file = path.as_os_str().to_owned();
                file.push(suffix);
                // Only the earlier demo's files: a folder or a FIFO at a side name is no
                // file of it, and is left for the key path's check to name.
                if !matches!(
                    storage::private::Standing::at(Path::new(&file)),
                    None | Some(storage::private::Standing::File)
                ) {
                    continue;
                }
                match std::fs::remove_file(&file) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
            }
            Ok(())
        }
        _ => bail!(crate::output::demo::not_a_demo(path)),
    }
}

/// What was played: the steps, then the reports by status and month of submission.
fn print(
    conn: &Connection,
    ctx: &Context,
    path: &Path,
    played: &play::Played,
    end: Timestamp,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let l = ctx.lang;
    writeln!(
        out,
        "{} {}",
        l.pick("Cơ sở dữ liệu trình diễn:", "Demo database:"),
        path.display()
    )?;
    let first = played
        .first
        .map(|f| f.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    let end = end.format("%d/%m/%Y %H:%M").to_string();
    let played_through = crate::output::demo::played_through(&first, &end);
    crate::output::write_paragraph(&mut out, played_through.text(l))?;
    let steps = STEP_ORDER
        .iter()
        .filter_map(|action| {
            let count = played.actions.get(action)?;
            Some(vec![action_label(action, l).to_owned(), count.to_string()])
        })
        .collect();
    let step_headers = vec![
        l.pick("Bước", "Step").to_owned(),
        l.pick("Số lần", "Count").to_owned(),
    ];
    crate::output::write_fitted(&mut out, step_headers, steps, (&[], &[]), l)?;
    // One column per month of submission (YYYY-MM), in order.
    let mut counts: BTreeMap<Status, BTreeMap<String, u64>> = BTreeMap::new();
    let mut months = std::collections::BTreeSet::new();
    for report in reports::list(conn, &reports::Filter::default())? {
        let month = time::format(&report.submitted_at)[..7].to_owned();
        months.insert(month.clone());
        *counts
            .entry(report.status)
            .or_default()
            .entry(month)
            .or_default() += 1;
    }
    let mut header = vec![l.pick("Trạng thái", "Status").to_owned()];
    header.extend(months.iter().map(|m| format!("{}/{}", &m[5..7], &m[..4])));
    let statuses = counts
        .iter()
        .map(|(status, by_month)| {
            let mut row = vec![status.text(l).into_owned()];
            row.extend(
                months
                    .iter()
                    .map(|m| by_month.get(m).copied().unwrap_or(0).to_string()),
            );
            row
        })
        .collect();
    crate::output::write_fitted(&mut out, header, statuses, (&[], &[]), l)?;
    writeln!(out, "{}", crate::output::demo::try_next().text(l))?;
    Ok(())
}

/// The steps in workflow order, for the summary.
const STEP_ORDER: [&str; 14] = [
    "ingest",
    "accept",
    "reject",
    "classify",
    "duplicate",
    "assign",
    "return",
    "answer",
    "reply",
    "verify_send_back",
    "verify_approve",
    "mark_state_secret",
    "publish",
    "rate",
];

fn action_label(action: &str, lang: Lang) -> &str {
    let (vi, en) = match action {
        "ingest" => ("Tiếp nhận từ ứng dụng", "Ingested from the app"),
        "accept" => ("Kiểm tra: đủ điều kiện", "Validated: accepted"),
        "reject" => ("Kiểm tra: từ chối", "Validated: rejected"),
        "classify" => ("Phân loại lĩnh vực", "Classified"),
        "assign" => ("Phân phối cho cơ quan", "Assigned to an agency"),
        "answer" => ("Cổng trả lời trực tiếp", "Answered by the portal"),
        "return" => ("Cơ quan trả lại", "Returned by the agency"),
        "reply" => ("Cơ quan trả lời", "Replied by the agency"),
        "verify_approve" => ("Kiểm duyệt: đạt", "Verified"),
        "verify_send_back" => ("Kiểm duyệt: trả lại xử lý", "Sent back for rework"),
        "mark_state_secret" => ("Đánh dấu bí mật nhà nước", "Marked state secret"),
        "publish" => (
            "Công khai / phản hồi riêng",
            "Published / answered privately",
        ),
        "rate" => ("Người dân đánh giá", "Rated by the citizen"),
        "duplicate" => ("Gộp trùng lặp", "Merged as duplicate"),
        other => (other, other),
    };
    lang.pick(vi, en)
}
