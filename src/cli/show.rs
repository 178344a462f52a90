//! `show` and `list`: reading reports. Personal data (Đ6.5) is masked unless `--reveal` is
//! given by a role that may see it; every reveal is an event.

use anyhow::{Result, bail};
use clap::Args;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

use crate::Localized;
use crate::app::{Context, resolve};
use crate::domain::access::{Operation, Refusal, Role};
use crate::domain::clocks as clock_rules;
use crate::domain::deadline::Stage;
use crate::domain::event::EventKind;
use crate::domain::report::{Report, Status};
use crate::domain::text::{fold, mask_name, mask_phone};
use crate::domain::time;
use crate::output::{Format, Lang, Listing, ListingWriter, new_table, render, render_record};
use crate::storage::journal::{Entry, Journal, Sealed};
use crate::storage::{clocks, events, reports};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// Show the reporter's name and phone (admin and reception; the assigned agency's
    /// handlers only if the reporter consented, Đ6.5). The reveal is written to the audit log.
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these statuses (received, rejected, accepted, assigned, returned, replied,
    /// verified, published, closed_private, duplicate); repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<Status>,
    /// Only reports assigned to this agency.
    #[arg(long)]
    pub agency: Option<String>,
    /// Only reports of this field.
    #[arg(long)]
    pub field: Option<String>,
    /// Only urgent reports.
    #[arg(long)]
    pub urgent: bool,
    /// Submitted on or after this date (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,
    /// Submitted on or before this date.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,
    /// Only reports whose content, address or commune contain this text (case and
    /// diacritics ignored: "duong" finds "Đường").
    #[arg(long, allow_hyphen_values = true)]
    pub search: Option<String>,
    /// Only reports with a clock past its deadline: still open (as of --now) or stopped late.
    #[arg(long)]
    pub overdue: bool,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<u64>,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        format!("unknown status; use one of {}", names.join(", "))
    })
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    time::parse_date(text).ok_or_else(|| "use YYYY-MM-DD or DD/MM/YYYY".to_owned())
}

/// Name and phone as this reader may see them.
fn reporter(report: &Report, reveal: bool) -> (String, String) {
    if reveal {
        (report.reporter_name.clone(), report.reporter_phone.clone())
    } else {
        (
            mask_name(&report.reporter_name),
            mask_phone(&report.reporter_phone),
        )
    }
}

fn status_label(status: Status, lang: Lang) -> &'static str {
    lang.pick(status.label_vi(), status.label_en())
}

pub fn cmd_show(ctx: &Context, args: &ShowArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    let report = resolve(&conn, &args.id)?;
    ctx.authorize(&conn, &actor, Operation::Read, Some(&report))?;
    if args.reveal {
        ctx.authorize(&conn, &actor, Operation::RevealPersonalData, Some(&report))?;
        let tx = crate::storage::tx::immediate(&conn)?;
        // Sealed as the row stands under the lock, not as it was read a moment ago.
        let current = reports::load(&tx, report.id)?.unwrap_or_else(|| report.clone());
        let mut journal = Journal::new(&tx, ctx.stamp(&actor.username))?;
        journal.append(Entry {
            kind: EventKind::Reveal,
            report: Some(Sealed::unchanged(&current)),
            about: None,
            payload: json!({ "fields": ["reporter_name", "reporter_phone"] }).to_string(),
            clocks: None,
        })?;
        drop(journal);
        tx.commit()?;
    }
    let history = events::of_report(&conn, report.id)?;
    let clocks = clock_rows(&conn, ctx, report.id)?;
    let (name, phone) = reporter(&report, args.reveal);
    let events_json: Vec<serde_json::Value> = history
        .iter()
        .map(|e| {
            json!({
                "id": e.id, "at": e.at, "actor": e.actor, "action": e.action,
                "from": e.from_status, "to": e.to_status,
            })
        })
        .collect();
    let document = json!({
        "id": report.id,
        "external_id": report.external_id,
        "status": report.status,
        "status_label": status_label(report.status, ctx.lang),
        "field": report.field,
        "agency": report.agency,
        "urgent": report.urgent,
        "confidential": report.confidential,
        "state_secret": report.state_secret,
        "consent": report.consent,
        "submitted_at": time::format(&report.submitted_at),
        "occurred_at": report.occurred_at.as_ref().map(time::format),
        "content": report.content,
        "media": report.media,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "address": report.address,
        "commune": report.commune,
        "reporter_name": name,
        "reporter_phone": phone,
        "personal_data_revealed": args.reveal,
        "category_hint": report.category_hint,
        "round": report.round,
        "returns": report.returns,
        "send_backs": report.send_backs,
        "reject_reasons": report.reject_reasons,
        "result": report.result_text,
        "rating": report.rating,
        "duplicate_of": report.duplicate_of,
        "clocks": clocks,
        "events": events_json,
    });
    let mut out = std::io::stdout().lock();
    if ctx.format != Format::Table {
        return render_record(&mut out, &[], &document, ctx.format).map(|()| crate::exit::OK);
    }
    let l = ctx.lang;
    let yes = |b: bool| l.yes_no(b).to_owned();
    let location = match (report.latitude, report.longitude) {
        (Some(lat), Some(lon)) => format!("{lat}, {lon}"),
        _ => String::new(),
    };
    let pairs: Vec<(String, String)> = vec![
        (ctx.t("Số", "Id").into(), report.id.to_string()),
        (
            ctx.t("Mã ứng dụng", "External id").into(),
            report.external_id.clone(),
        ),
        (
            ctx.t("Trạng thái", "Status").into(),
            status_label(report.status, l).into(),
        ),
        (
            ctx.t("Lĩnh vực", "Field").into(),
            report.field.clone().unwrap_or_default(),
        ),
        (
            ctx.t("Cơ quan xử lý", "Agency").into(),
            report.agency.clone().unwrap_or_default(),
        ),
        (ctx.t("Khẩn cấp", "Urgent").into(), yes(report.urgent)),
        (
            ctx.t("Bảo mật (Đ9.2)", "Confidential (Art. 9.2)").into(),
            yes(report.confidential),
        ),
        (
            ctx.t("Bí mật nhà nước (Đ9.3)", "State secret (Art. 9.3)")
                .into(),
            yes(report.state_secret),
        ),
        (
            ctx.t("Gửi lúc", "Submitted").into(),
            time::format(&report.submitted_at),
        ),
        (
            ctx.t("Xảy ra lúc", "Occurred").into(),
            report
                .occurred_at
                .as_ref()
                .map(time::format)
                .unwrap_or_default(),
        ),
        (ctx.t("Nội dung", "Content").into(), report.content.clone()),
        (
            ctx.t("Hình ảnh/video", "Media").into(),
            report.media.join("\n"),
        ),
        (ctx.t("Tọa độ", "Coordinates").into(), location),
        (ctx.t("Địa chỉ", "Address").into(), report.address.clone()),
        (ctx.t("Xã/phường", "Commune").into(), report.commune.clone()),
        (ctx.t("Người phản ánh", "Reporter").into(), name),
        (ctx.t("Điện thoại", "Phone").into(), phone),
        (
            ctx.t(
                "Đồng ý chia sẻ danh tính (Đ6.5)",
                "Consents to share identity (Art. 6.5)",
            )
            .into(),
            yes(report.consent),
        ),
        (
            ctx.t("Lý do từ chối", "Rejected because").into(),
            report.reject_reasons.join(", "),
        ),
        (
            ctx.t("Kết quả xử lý", "Result").into(),
            report.result_text.clone(),
        ),
        (
            ctx.t("Vòng xử lý", "Round").into(),
            report.round.to_string(),
        ),
        (
            ctx.t("Đánh giá", "Rating").into(),
            report.rating.map(|r| r.to_string()).unwrap_or_default(),
        ),
        (
            ctx.t("Trùng với", "Duplicate of").into(),
            report
                .duplicate_of
                .map(|r| r.to_string())
                .unwrap_or_default(),
        ),
    ];
    render_record(&mut out, &pairs, &document, Format::Table)?;
    if !clocks.is_empty() {
        render(&mut out, &clocks, Format::Table, l)?;
    }
    let mut table = new_table();
    table.set_header(match l {
        Lang::Vi => vec![
            "Sự kiện",
            "Lúc",
            "Người thực hiện",
            "Hành động",
            "Từ",
            "Sang",
        ],
        Lang::En => vec!["Event", "At", "Actor", "Action", "From", "To"],
    });
    for e in &history {
        table.add_row(vec![
            e.id.to_string(),
            e.at.clone(),
            e.actor.clone(),
            e.action.clone(),
            e.from_status.clone().unwrap_or_default(),
            e.to_status.clone().unwrap_or_default(),
        ]);
    }
    crate::output::write_table(&mut out, &table)?;
    Ok(crate::exit::OK)
}

/// One clock of a report as `show` prints it.
#[derive(Debug, Serialize)]
pub struct ClockRow {
    pub stage: Stage,
    pub round: i64,
    pub agency: Option<String>,
    pub started_at: String,
    pub rule: String,
    pub limit_hours: f64,
    pub due_at: String,
    pub stopped_at: Option<String>,
    pub breached: Option<bool>,
    pub state: clock_rules::State,
    pub calendar_version: String,
}

/// The clocks of a report with their state at the context's `now`.
pub fn clock_rows(conn: &Connection, ctx: &Context, report_id: i64) -> Result<Vec<ClockRow>> {
    let soon = (crate::app::settings::value(conn, "sweep.due_soon_minutes")? * 60.0) as i64;
    clocks::of_report(conn, report_id)?
        .into_iter()
        .map(|c| {
            Ok(ClockRow {
                state: c.state(&ctx.now, soon)?,
                stage: c.stage,
                round: c.round,
                agency: c.agency,
                started_at: c.started_at,
                rule: c.rule,
                limit_hours: c.limit_seconds as f64 / 3600.0,
                due_at: c.due_at,
                stopped_at: c.stopped_at,
                breached: c.breached,
                calendar_version: c.calendar_version,
            })
        })
        .collect()
}

impl Listing for ClockRow {
    const KEYS: &'static [&'static str] = &[
        "stage",
        "round",
        "agency",
        "started_at",
        "rule",
        "limit_hours",
        "due_at",
        "stopped_at",
        "breached",
        "state",
        "calendar_version",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec![
                "Giai đoạn",
                "Vòng",
                "Cơ quan",
                "Bắt đầu",
                "Cách tính",
                "Số giờ",
                "Hạn",
                "Kết thúc",
                "Trễ",
                "Tình trạng",
                "Phiên bản lịch",
            ],
            Lang::En => vec![
                "Stage",
                "Round",
                "Agency",
                "Started",
                "Counted in",
                "Hours",
                "Due",
                "Stopped",
                "Late",
                "State",
                "Calendar",
            ],
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let rule = match (self.rule.as_str(), lang) {
            ("working_hours", Lang::Vi) => "giờ làm việc",
            ("working_hours", Lang::En) => "working hours",
            (_, Lang::Vi) => "giờ liên tục",
            (_, Lang::En) => "clock hours",
        };
        vec![
            lang.pick(self.stage.label_vi(), self.stage.label_en())
                .to_owned(),
            self.round.to_string(),
            self.agency.clone().unwrap_or_default(),
            self.started_at.clone(),
            rule.to_owned(),
            self.limit_hours.to_string(),
            self.due_at.clone(),
            self.stopped_at.clone().unwrap_or_default(),
            self.breached
                .map(|b| lang.yes_no(b).to_owned())
                .unwrap_or_default(),
            lang.pick(self.state.label_vi(), self.state.label_en())
                .to_owned(),
            self.calendar_version.clone(),
        ]
    }
}

/// One row of `list`.
#[derive(Debug, Serialize)]
pub struct ListRow {
    pub id: i64,
    pub external_id: String,
    pub submitted_at: String,
    pub status: Status,
    pub urgent: bool,
    pub field: Option<String>,
    pub agency: Option<String>,
    pub commune: String,
    pub reporter_name: String,
    pub content: String,
}

impl Listing for ListRow {
    const KEYS: &'static [&'static str] = &[
        "id",
        "external_id",
        "submitted_at",
        "status",
        "urgent",
        "field",
        "agency",
        "commune",
        "reporter_name",
        "content",
    ];

    fn headers(lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Vi => vec![
                "Số",
                "Mã ứng dụng",
                "Gửi lúc",
                "Trạng thái",
                "Khẩn",
                "Lĩnh vực",
                "Cơ quan",
                "Xã/phường",
                "Người phản ánh",
                "Nội dung",
            ],
            Lang::En => vec![
                "Id",
                "External id",
                "Submitted",
                "Status",
                "Urgent",
                "Field",
                "Agency",
                "Commune",
                "Reporter",
                "Content",
            ],
        }
    }

    fn cells(&self, lang: Lang) -> Vec<String> {
        let excerpt: String = if self.content.chars().count() > 60 {
            self.content.chars().take(59).chain(['…']).collect()
        } else {
            self.content.clone()
        };
        vec![
            self.id.to_string(),
            self.external_id.clone(),
            self.submitted_at.clone(),
            status_label(self.status, lang).to_owned(),
            if self.urgent {
                "!".into()
            } else {
                String::new()
            },
            self.field.clone().unwrap_or_default(),
            self.agency.clone().unwrap_or_default(),
            self.commune.clone(),
            self.reporter_name.clone(),
            excerpt,
        ]
    }
}

pub fn cmd_list(ctx: &Context, args: &ListArgs) -> Result<u8> {
    let conn = ctx.open()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Read, None)?;
    let mut agency = args.agency.clone();
    if actor.role == Role::Handler {
        // Handlers see their own agency's reports only (Đ16.3).
        let own = actor.agency.clone().unwrap_or_default();
        if agency.as_ref().is_some_and(|a| *a != own) {
            return Err(ctx.log_refused(
                &conn,
                &actor,
                Operation::Read,
                None,
                &Refusal::OtherAgency(own),
            ));
        }
        agency = Some(own);
    }
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        bail!(Localized::new(
            format!("--from {from} sau --to {to}; hãy đổi lại."),
            format!("--from {from} is after --to {to}; swap them"),
        ));
    }
    let filter = reports::Filter {
        statuses: args.status.clone(),
        agency,
        field: args.field.clone(),
        urgent: args.urgent.then_some(true),
        submitted_from: args.from.map(|d| time::format(&time::start_of_day(d))),
        submitted_before: args
            .to
            .and_then(|d| d.succ_opt())
            .map(|d| time::format(&time::start_of_day(d))),
        search_folded: args.search.as_deref().map(fold),
        overdue_at: args.overdue.then(|| ctx.now_text()),
        limit: args.limit,
    };
    // Streamed: a table shows a screenful, as the sweep's; CSV and JSON list every report.
    let mut out = std::io::stdout().lock();
    let mut listing =
        ListingWriter::new(&mut out, ctx.format, ctx.lang, crate::output::TABLE_ROWS)?;
    reports::for_each_listed(&conn, &filter, |r| {
        let (name, _) = reporter(&r, false);
        listing.row(&ListRow {
            id: r.id,
            external_id: r.external_id,
            submitted_at: time::format(&r.submitted_at),
            status: r.status,
            urgent: r.urgent,
            field: r.field,
            agency: r.agency,
            commune: r.commune,
            reporter_name: name,
            content: r.content,
        })?;
        Ok(true)
    })?;
    listing.finish()?;
    Ok(crate::exit::OK)
}
