//! The workflow commands (docs/rules.md §2): classify, assign, answer, mark, return, reply,
//! verify, publish, rate, duplicate. Each parses its arguments into an
//! `app::workflow::Request`, runs it, and prints what was done.

use std::io::Write;

use anyhow::{Result, bail};
use clap::Args;

use crate::app::Context;
use crate::app::workflow::{self, Performed, Request};
use crate::i18n::Bilingual;
use crate::i18n::Localized;
use crate::output::{Format, render};

#[derive(Debug, Args)]
pub struct IdArgs {
    /// Report number, or ext:APPID.
    pub id: String,
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The result, as the citizen will read it.
    #[arg(long, allow_hyphen_values = true)]
    pub text: String,
}

#[derive(Debug, Args)]
pub struct ReasonArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// Why, in a few words (kept in the audit log).
    #[arg(long, allow_hyphen_values = true)]
    pub reason: String,
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
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("decision").required(true).args(["approve", "send_back"]))]
pub struct VerifyArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The result is correct and complete: it may be published.
    #[arg(long)]
    pub approve: bool,
    /// The result is not good enough: back to the agency for another round.
    #[arg(long, requires = "reason")]
    pub send_back: bool,
    /// Why it goes back (required with --send-back).
    #[arg(long, allow_hyphen_values = true)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct RateArgs {
    /// Report number, or ext:APPID.
    pub id: String,
    /// The citizen's rating, 1 (very unsatisfied) to 5 (very satisfied).
    #[arg(long)]
    pub score: u8,
}

#[derive(Debug, Args)]
pub struct DuplicateArgs {
    /// The report to merge (number, or ext:APPID).
    pub id: String,
    /// The original report it repeats.
    #[arg(long)]
    pub of: String,
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
            writeln!(
                out,
                "{} {} ({}): {what} [{} {}]",
                ctx.lang.pick("Phản ánh", "Report"),
                done.id,
                done.external_id,
                ctx.lang.pick("sự kiện", "event"),
                done.event
            )?;
        }
    }
    Ok(crate::exit::OK)
}

fn step(ctx: &Context, reference: &str, request: Request) -> Result<u8> {
    let done = workflow::step(ctx, reference, request)?;
    warn_hidden(ctx, &done);
    warn_late(ctx, &done);
    print_performed(ctx, &done)
}

/// Tells the handler, once, that the return or reply just recorded came after the agency's
/// deadline and how late, as the periodic report and the scores will count it (Đ8.1.b):
/// the step's own line reads the same on time or late.
fn warn_late(ctx: &Context, done: &Performed) {
    use crate::domain::deadline::Stage;
    use crate::i18n::Lang;
    for late in &done.late {
        let (Some(due), Some(stopped)) = (
            crate::domain::time::stored(&late.due_at),
            crate::domain::time::stored(&late.stopped_at),
        ) else {
            continue;
        };
        let over = (stopped - due).num_minutes();
        let agency = late.agency.as_deref().unwrap_or_default();
        let at = |lang| crate::output::when(&late.due_at, lang).replace('\u{a0}', " ");
        let span = |lang| crate::output::duration::days_and_hours(over, lang);
        let (vi, en) = match late.stage {
            Stage::Return => (
                format!(
                    "Lưu ý: phản ánh {} được trả lại sau thời hạn trả lại (hạn {}, Đ8.1.b), trễ {}: tính là trả lại trễ hạn của cơ quan {agency} trong báo cáo định kỳ và điểm thi đua.",
                    done.id,
                    at(Lang::Vi),
                    span(Lang::Vi)
                ),
                format!(
                    "note: report {} was returned after its return window closed (due {}, Art. 8.1.b), {} late: it counts as a late return of agency {agency} in the periodic reports and the scores",
                    done.id,
                    at(Lang::En),
                    span(Lang::En)
                ),
            ),
            _ => (
                format!(
                    "Lưu ý: phản ánh {} xong bước xử lý sau thời hạn (hạn {}, Đ8.1.b), trễ {}: tính là xử lý trễ hạn của cơ quan {agency} trong báo cáo định kỳ và điểm thi đua.",
                    done.id,
                    at(Lang::Vi),
                    span(Lang::Vi)
                ),
                format!(
                    "note: report {} left processing after its deadline (due {}, Art. 8.1.b), {} late: it counts as late processing by agency {agency} in the periodic reports and the scores",
                    done.id,
                    at(Lang::En),
                    span(Lang::En)
                ),
            ),
        };
        ctx.status(&vi, &en);
    }
}

/// Warns that a media link made public carries the reporter's phone or name (published
/// whole), and that the text made public holds personal data, which every public view replaces
/// by `[đã ẩn]`; says what kinds and how many and, to an editor who may see the identity,
/// which items — the reporter's own name and phone only as such, so that a warning kept in
/// a log never holds them — so that a public office's number hidden too can be seen.
fn warn_hidden(ctx: &Context, done: &Performed) {
    use crate::domain::open311::Item;
    if !done.media_naming_reporter.is_empty() {
        let which = done
            .media_naming_reporter
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let one = done.media_naming_reporter.len() == 1;
        ctx.status(
            &format!(
                "Cảnh báo: liên kết ảnh/video thứ {which} của phản ánh {} có số điện thoại hoặc họ tên người phản ánh; liên kết được công khai nguyên văn (ẩn một phần sẽ làm hỏng liên kết). Hãy xem lại trước khi công khai, hoặc đề nghị ứng dụng đổi tên tệp.",
                done.id
            ),
            &format!(
                "warning: media {} {which} of report {} {} the reporter's phone or name; links are published whole (hiding part of one would break it). Check before it is made public, or ask the app to rename the file",
                if one { "link" } else { "links" },
                done.id,
                if one { "carries" } else { "carry" }
            ),
        );
    }
    if let Some(hidden) = &done.hidden {
        let list = |own_name: &str, own_phone: &str, name: &str| {
            done.items
                .iter()
                .map(|item| match item {
                    Item::OwnName => own_name.to_owned(),
                    Item::Name => name.to_owned(),
                    Item::OwnPhone => own_phone.to_owned(),
                    Item::Written(text) => format!("«{text}»"),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (vi, en) = if done.items.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(
                    " ({})",
                    list(
                        "họ tên người phản ánh",
                        "số điện thoại người phản ánh",
                        "một họ tên"
                    )
                ),
                format!(
                    " ({})",
                    list("the reporter's name", "the reporter's phone", "a name")
                ),
            )
        };
        ctx.status(
            &format!(
                "Cảnh báo: nội dung, địa chỉ hoặc kết quả sắp công khai của phản ánh {} có thông tin cá nhân; các bản công khai sẽ thay bằng {}: {}{vi}.",
                done.id,
                crate::domain::redact::MARK,
                hidden.vi()
            ),
            &format!(
                "warning: the content, address or result of report {} to be made public holds personal data, which public views replace with {}: {}{en}",
                done.id,
                crate::domain::redact::MARK,
                hidden.en()
            ),
        );
    }
}

pub fn cmd_assign(ctx: &Context, args: &AssignArgs) -> Result<u8> {
    let request = Request::Assign {
        agency: args.agency.clone(),
        urgent: args.urgent,
    };
    step(ctx, &args.id, request)
}

pub fn cmd_answer(ctx: &Context, args: &TextArgs) -> Result<u8> {
    let text = args.text.clone();
    step(ctx, &args.id, Request::Answer { text })
}

pub fn cmd_mark(ctx: &Context, args: &MarkArgs) -> Result<u8> {
    step(ctx, &args.id, Request::MarkStateSecret)
}

pub fn cmd_return(ctx: &Context, args: &ReasonArgs) -> Result<u8> {
    let reason = args.reason.clone();
    step(ctx, &args.id, Request::Return { reason })
}

pub fn cmd_reply(ctx: &Context, args: &TextArgs) -> Result<u8> {
    let text = args.text.clone();
    step(ctx, &args.id, Request::Reply { text })
}

pub fn cmd_verify(ctx: &Context, args: &VerifyArgs) -> Result<u8> {
    let request = if args.approve {
        Request::Approve
    } else {
        let reason = args.reason.clone().unwrap_or_default();
        Request::SendBack { reason }
    };
    step(ctx, &args.id, request)
}

pub fn cmd_publish(ctx: &Context, args: &IdArgs) -> Result<u8> {
    step(ctx, &args.id, Request::Publish)
}

pub fn cmd_rate(ctx: &Context, args: &RateArgs) -> Result<u8> {
    step(ctx, &args.id, Request::Rate { score: args.score })
}

pub fn cmd_duplicate(ctx: &Context, args: &DuplicateArgs) -> Result<u8> {
    let of = args.of.clone();
    step(ctx, &args.id, Request::Duplicate { of })
}

pub fn cmd_classify(ctx: &Context, args: &ClassifyArgs) -> Result<u8> {
    if let Some(field) = &args.field {
        let [id] = args.ids.as_slice() else {
            bail!(Localized::new(
                "Với --field, hãy ghi đúng một số phản ánh.",
                "with --field, give exactly one report",
            ));
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
        let left = unclear.len();
        let (vi_left, en_left) = match unclear.first() {
            None => (
                "không còn phản ánh nào chưa rõ".to_owned(),
                "none left unclear".to_owned(),
            ),
            Some(first) => {
                let shown = crate::storage::journal::first_named(&unclear, ", ", i64::to_string);
                (
                    format!(
                        "còn {left} chưa rõ, cần người phân loại: {shown} (`phananh classify {first} --field MÃ` hoặc `phananh triage`)"
                    ),
                    format!(
                        "{left} unclear, left for a person: {shown} (`phananh classify {first} --field CODE` or `phananh triage`)"
                    ),
                )
            }
        };
        ctx.status(
            &format!("Đã phân loại {applied} phản ánh theo gợi ý; {vi_left}."),
            &format!(
                "classified {} by suggestion; {en_left}",
                crate::i18n::count_en(applied, "report", "reports")
            ),
        );
    }
    Ok(crate::exit::OK)
}
