//! `demo`: builds a database afresh from the examples embedded in the binary and plays the
//! three months of example reports (August–October 2026) through the whole workflow, in
//! time order, the way the portal and the agencies would have: reception checks and
//! dispatches, agencies return or reply, the portal sends some back, verifies, publishes,
//! citizens rate. Every step goes through the same code as the commands, under real
//! accounts, so the result is a database like a real one, with an intact audit chain.
//! Replaces an earlier demo database, never a file that holds anything else.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::Duration;
use clap::Args;
use rusqlite::Connection;

use super::workflow::{Performed, perform};
use super::{Context, ingest, init, reference, validate};
use crate::Localized;
use crate::domain::access::{Actor, Operation, Role};
use crate::domain::classify;
use crate::domain::report::{Report, Status};
use crate::domain::time::{self, Timestamp};
use crate::domain::workflow::Action;
use crate::output::Lang;
use crate::storage::{self, Identity, reports, settings};

const FIELDS: &str = include_str!("../../examples/fields.csv");
const AGENCIES: &str = include_str!("../../examples/agencies.csv");
const STAFF: &str = include_str!("../../examples/staff.csv");
const REPORTS: &str = include_str!("../../examples/reports.csv");

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  phananh demo                                     the shipped examples, Aug–Oct 2026
  phananh demo --db thu.sqlite --reports my.csv    your own reports (ingest CSV format), played the same way")]
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
        Some(file) => std::fs::read_to_string(file).map_err(|e| {
            Localized::new(
                format!("Không đọc được {}: {e}", file.display()),
                format!("cannot read {}: {e}", file.display()),
            )
        })?,
    };
    let until = match (&args.until, &args.reports) {
        (Some(text), _) => Some(time::stored(text).ok_or_else(|| {
            Localized::new(
                format!("--until \"{text}\" không phải thời điểm hợp lệ; dùng RFC 3339."),
                format!("--until \"{text}\" is not a valid time; use RFC 3339"),
            )
        })?),
        (None, None) => time::parse(DEMO_END)?,
        (None, Some(_)) => None,
    };
    clear_earlier_demo(&path)?;
    // The accounts and reference data exist from the first day played.
    let start = time::start_of_day(earliest_submission(&reports)?.date_naive());
    let mut ctx = Context {
        db: Some(path.clone()),
        now: start,
        ..ctx.clone()
    };
    let conn = storage::create(&path)?;
    init::initialize(&conn, &ctx, "admin", "Quản trị hệ thống")?;
    settings::set(&conn, settings::DEMO_MARKER, "1")?;
    crate::storage::events::append(
        &conn,
        crate::storage::events::NewEvent {
            report_id: None,
            at: &ctx.now_text(),
            actor: "admin",
            action: "settings_set",
            from_status: None,
            to_status: None,
            payload: serde_json::json!({ "key": settings::DEMO_MARKER, "from": null, "to": "1" })
                .to_string(),
            report_hash: None,
        },
    )?;
    reference::import_fields(
        &conn,
        &ctx,
        "admin",
        &table(FIELDS, &["code", "name", "keywords"], 2)?,
    )?;
    reference::import_agencies(
        &conn,
        &ctx,
        "admin",
        &table(AGENCIES, &["code", "name", "level", "parent"], 3)?,
    )?;
    reference::import_staff(
        &conn,
        &ctx,
        "admin",
        &table(STAFF, &["username", "name", "role", "agency"], 3)?,
    )?;
    let cast = Cast::load(&conn)?;
    let mut player = Player::new(&conn, cast, &reports, until)?;
    player.play(&mut ctx)?;
    player.print(&ctx, &path)?;
    // The demo ends with what the portal sends the People's Committee for the month played.
    let month = time::format(&player.end);
    let period = crate::domain::periodic::Period::month(&month[..7])
        .expect("a timestamp's year and month make a month");
    let built = super::report::build(
        &conn,
        period,
        &player.end,
        crate::output::spool::Keep::First(super::report::SHOWN_ON_SCREEN),
        ctx.lang,
    )?;
    super::report::print_tables(&mut std::io::stdout().lock(), &built, ctx.lang)?;
    Ok(crate::exit::OK)
}

/// The earliest `submitted_at` of a reports CSV.
fn earliest_submission(reports: &str) -> Result<Timestamp> {
    let mut csv = csv::Reader::from_reader(reports.as_bytes());
    let at = csv
        .headers()?
        .iter()
        .position(|h| h == "submitted_at")
        .ok_or_else(|| {
            anyhow::anyhow!(Localized::new(
                "Tệp phản ánh không có cột submitted_at.",
                "the reports file has no submitted_at column",
            ))
        })?;
    let mut earliest: Option<Timestamp> = None;
    for record in csv.records() {
        if let Some(ts) = record?.get(at).and_then(time::stored) {
            earliest = Some(earliest.map_or(ts, |e| e.min(ts)));
        }
    }
    earliest.ok_or_else(|| {
        anyhow::anyhow!(Localized::new(
            "Tệp phản ánh không có phản ánh nào có thời gian gửi.",
            "the reports file has no report with a submission time",
        ))
    })
}

fn table(text: &str, columns: &[&str], required: usize) -> Result<Vec<(u64, Vec<String>)>> {
    reference::parse_table(text, "examples", columns, required)
}

/// Removes an earlier demo database (and its WAL files). Anything else is left alone.
fn clear_earlier_demo(path: &Path) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let (identity, demo) = storage::inspect(path).unwrap_or((Identity::Foreign, false));
    match (identity, demo) {
        (Identity::Empty, _) | (Identity::Phananh, true) => {
            for suffix in ["", "-wal", "-shm"] {
                let mut file = path.as_os_str().to_owned();
                file.push(suffix);
                match std::fs::remove_file(&file) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e.into()),
                }
            }
            Ok(())
        }
        _ => bail!(Localized::new(
            format!(
                "{} đã chứa dữ liệu không phải của bản trình diễn; không ghi đè. Hãy chọn tệp khác bằng --db.",
                path.display()
            ),
            format!(
                "{} holds data that is not a demo; it was left untouched. Choose another file with --db",
                path.display()
            ),
        )),
    }
}

/// The accounts that act in the demo, by role and agency.
struct Cast {
    reception: Vec<Actor>,
    handlers: HashMap<String, Actor>,
    /// Commune agencies by the commune name reports carry ("Phường An Xuyên").
    communes: HashMap<String, String>,
}

impl Cast {
    fn load(conn: &Connection) -> Result<Cast> {
        let mut reception = Vec::new();
        let mut handlers = HashMap::new();
        for staff in crate::storage::reference::staff(conn)? {
            let Some(actor) = crate::storage::reference::actor(&staff) else {
                continue;
            };
            match actor.role {
                Role::Reception => reception.push(actor),
                Role::Handler => {
                    if let Some(agency) = actor.agency.clone() {
                        handlers.entry(agency).or_insert(actor);
                    }
                }
                _ => {}
            }
        }
        let communes = crate::storage::reference::agencies(conn)?
            .into_iter()
            .filter(|a| a.level == "commune")
            .filter_map(|a| Some((a.name.strip_prefix("UBND ")?.to_owned(), a.code)))
            .collect();
        anyhow::ensure!(
            !reception.is_empty(),
            "the examples have no reception account"
        );
        Ok(Cast {
            reception,
            handlers,
            communes,
        })
    }

    /// The agency a field goes to (Đ7.1.b): urban order and infrastructure to the commune
    /// when it has handlers, everything else to the department in charge.
    fn agency_for(&self, field: &str, commune: &str) -> Option<String> {
        let local = self
            .communes
            .get(commune)
            .filter(|code| self.handlers.contains_key(*code))
            .cloned();
        let department = match field {
            "GT" | "XD" => "SXD",
            "MT" | "DD" | "TL" | "NNTS" => "SNNMT",
            "DIEN" => "PCCM",
            "CN" => "CAMAWA",
            "YT" | "ATTP" => "SYT",
            "GD" => "SGDDT",
            "ANTT" => "CAT",
            "VT" => "SKHCN",
            "VHXH" => "SVHTTDL",
            "TTDT" | "HTDT" => return local.or_else(|| Some("SXD".to_owned())),
            _ => return None,
        };
        Some(department.to_owned())
    }

    /// Where a returned report goes next: the department if the commune returned it, else
    /// the commune, else another department.
    fn second_agency(&self, first: &str, commune: &str) -> String {
        let local = self
            .communes
            .get(commune)
            .filter(|code| self.handlers.contains_key(*code) && code.as_str() != first)
            .cloned();
        match local {
            Some(code) if !self.is_commune(first) => code,
            _ if first == "SXD" => "SNNMT".to_owned(),
            _ => "SXD".to_owned(),
        }
    }

    fn is_commune(&self, code: &str) -> bool {
        self.communes.values().any(|c| c == code)
    }
}

/// A deterministic generator (SplitMix64): the demo plays the same month every time.
struct Dice(u64);

impl Dice {
    fn for_report(external_id: &str) -> Dice {
        Dice(external_id.bytes().fold(0x9E37_79B9_7F4A_7C15, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
        }))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// Minutes in `low..=high`.
    fn minutes(&mut self, low: i64, high: i64) -> Duration {
        Duration::minutes(low + (self.next() % (high - low + 1) as u64) as i64)
    }
}

/// A step planned for a moment; played in time order across all reports.
#[derive(Debug, Clone)]
enum Step {
    Ingest(String),
    Validate,
    Triage,
    Return,
    Reassign,
    Reply,
    Verify,
    Publish,
    Rate,
}

struct Player<'c> {
    conn: &'c Connection,
    cast: Cast,
    end: Timestamp,
    /// The earliest submission played.
    first: Option<Timestamp>,
    /// (time, sequence, external id, step): the sequence keeps ties in planning order.
    queue: BTreeMap<(Timestamp, u64), (String, Step)>,
    sequence: u64,
    dice: HashMap<String, Dice>,
    /// Earlier accepted reports by (field, commune), for spotting duplicates.
    seen: HashMap<(String, String), (i64, Timestamp)>,
    actions: BTreeMap<&'static str, u64>,
}

impl<'c> Player<'c> {
    /// Plans the ingest of every report of `reports` (CSV text); plays until `end`, or two
    /// hours after the last submission.
    fn new(
        conn: &'c Connection,
        cast: Cast,
        reports: &str,
        end: Option<Timestamp>,
    ) -> Result<Self> {
        let mut player = Player {
            conn,
            cast,
            // Set below when not given: two hours after the last submission.
            end: end.unwrap_or_else(|| time::start_of_day(chrono::NaiveDate::default())),
            first: None,
            queue: BTreeMap::new(),
            sequence: 0,
            dice: HashMap::new(),
            seen: HashMap::new(),
            actions: BTreeMap::new(),
        };
        let mut csv = csv::Reader::from_reader(reports.as_bytes());
        let header = csv.byte_headers()?.clone();
        for record in csv.byte_records() {
            let record = record?;
            let mut line = Vec::new();
            {
                let mut w = csv::Writer::from_writer(&mut line);
                w.write_byte_record(&header)?;
                w.write_byte_record(&record)?;
                w.flush()?;
            }
            let text = String::from_utf8(line)?;
            let external_id = String::from_utf8_lossy(&record[0]).into_owned();
            let submitted = time::parse(&String::from_utf8_lossy(&record[1]))?
                .ok_or_else(|| anyhow::anyhow!("example {external_id} has no submitted_at"))?;
            let mut dice = Dice::for_report(&external_id);
            player.first = Some(
                player
                    .first
                    .map_or(submitted, |f: Timestamp| f.min(submitted)),
            );
            if end.is_none() {
                player.end = player.end.max(submitted + Duration::hours(2));
            }

            // The app delivers to the portal within a few minutes.
            let at = submitted + dice.minutes(1, 5);
            player.dice.insert(external_id.clone(), dice);
            player.plan(at, &external_id, Step::Ingest(text));
        }
        Ok(player)
    }

    fn plan(&mut self, at: Timestamp, external_id: &str, step: Step) {
        self.sequence += 1;
        self.queue
            .insert((at, self.sequence), (external_id.to_owned(), step));
    }

    fn dice(&mut self, external_id: &str) -> &mut Dice {
        self.dice
            .entry(external_id.to_owned())
            .or_insert_with(|| Dice::for_report(external_id))
    }

    fn count(&mut self, action: &'static str) {
        *self.actions.entry(action).or_default() += 1;
    }

    fn play(&mut self, ctx: &mut Context) -> Result<()> {
        while let Some(((at, _), (external_id, step))) = self.queue.pop_first() {
            if at > self.end {
                break;
            }
            ctx.now = at;
            self.play_step(ctx, at, &external_id, step)?;
        }
        Ok(())
    }

    fn report(&self, external_id: &str) -> Result<Report> {
        let id = reports::id_of_external(self.conn, external_id)?
            .ok_or_else(|| anyhow::anyhow!("demo lost report {external_id}"))?;
        reports::load(self.conn, id)?.ok_or_else(|| anyhow::anyhow!("demo lost report {id}"))
    }

    fn receptionist(&mut self, external_id: &str) -> Actor {
        let n = self.dice(external_id).next() as usize % self.cast.reception.len();
        self.cast.reception[n].clone()
    }

    fn act(
        &mut self,
        ctx: &Context,
        actor: &Actor,
        report: &Report,
        op: Operation,
        action: Action,
    ) -> Result<Performed> {
        self.count(action.name());
        perform(self.conn, ctx, actor, &report.id.to_string(), op, |_, _| {
            Ok(action)
        })
    }

    fn play_step(
        &mut self,
        ctx: &Context,
        at: Timestamp,
        external_id: &str,
        step: Step,
    ) -> Result<()> {
        match step {
            Step::Ingest(text) => {
                let reader = text.as_bytes();
                let summary = ingest::ingest_reader(
                    self.conn,
                    ctx,
                    "tiepnhan.lan",
                    "examples/reports.csv",
                    reader,
                    text.len() as u64,
                    ingest::InputFormat::Csv,
                    false,
                )?;
                anyhow::ensure!(summary.malformed == 0, "example {external_id} is malformed");
                self.count("ingest");
                // Reception checks within the hour, now and then much later (a busy shift).
                let delay = if self.dice(external_id).chance(6) {
                    self.dice(external_id).minutes(150, 400)
                } else {
                    self.dice(external_id).minutes(10, 70)
                };
                self.plan(at + delay, external_id, Step::Validate);
            }
            Step::Validate => {
                let actor = self.receptionist(external_id);
                let (verdicts, _) =
                    validate::validate(self.conn, ctx, &actor, &[format!("ext:{external_id}")])?;
                let accepted = verdicts.iter().any(|v| v.status == Status::Accepted);
                self.count(if accepted { "accept" } else { "reject" });
                if accepted {
                    let delay = self.dice(external_id).minutes(3, 20);
                    self.plan(at + delay, external_id, Step::Triage);
                }
            }
            Step::Triage => self.triage(ctx, at, external_id)?,
            Step::Return => {
                let report = self.report(external_id)?;
                let Some(handler) = self.handler_of(&report) else {
                    return Ok(());
                };
                self.act(
                    ctx,
                    &handler,
                    &report,
                    Operation::Return,
                    Action::Return {
                        reason:
                            "Không thuộc thẩm quyền của đơn vị; đề nghị chuyển cơ quan phù hợp."
                                .into(),
                    },
                )?;
                let delay = self.dice(external_id).minutes(15, 90);
                self.plan(at + delay, external_id, Step::Reassign);
            }
            Step::Reassign => {
                let report = self.report(external_id)?;
                let first = report.agency.clone().unwrap_or_default();
                let agency = self.cast.second_agency(&first, &report.commune);
                let actor = self.receptionist(external_id);
                // A second agency does not return it again.
                self.dispatch(ctx, at, &actor, &report, agency, false)?;
            }
            Step::Reply => {
                let report = self.report(external_id)?;
                let Some(handler) = self.handler_of(&report) else {
                    return Ok(());
                };
                let text = reply_text(&report);
                self.act(
                    ctx,
                    &handler,
                    &report,
                    Operation::Reply,
                    Action::Reply { text },
                )?;
                let delay = self.dice(external_id).minutes(20, 150);
                self.plan(at + delay, external_id, Step::Verify);
            }
            Step::Verify => {
                let report = self.report(external_id)?;
                let actor = self.receptionist(external_id);
                // The portal sends about one in twelve agency results back once.
                if report.agency.is_some()
                    && report.send_backs == 0
                    && self.dice(external_id).chance(8)
                {
                    self.act(
                        ctx,
                        &actor,
                        &report,
                        Operation::Verify,
                        Action::SendBack {
                            reason: "Kết quả chưa có hình ảnh sau xử lý; đề nghị bổ sung.".into(),
                        },
                    )?;
                    let delay = self.reply_delay(external_id, report.urgent);
                    self.plan(at + delay, external_id, Step::Reply);
                    return Ok(());
                }
                self.act(ctx, &actor, &report, Operation::Verify, Action::Approve)?;
                let delay = self.dice(external_id).minutes(10, 100);
                self.plan(at + delay, external_id, Step::Publish);
            }
            Step::Publish => {
                let report = self.report(external_id)?;
                let actor = self.receptionist(external_id);
                // One report in sixty turns out to touch state secrets (Đ9.3).
                if report.field.as_deref() == Some("ANTT") && self.dice(external_id).chance(20) {
                    self.act(
                        ctx,
                        &actor,
                        &report,
                        Operation::MarkStateSecret,
                        Action::MarkStateSecret,
                    )?;
                }
                let report = self.report(external_id)?;
                self.act(ctx, &actor, &report, Operation::Publish, Action::Publish)?;
                if self.dice(external_id).chance(60) {
                    let delay = self.dice(external_id).minutes(120, 3 * 24 * 60);
                    self.plan(at + delay, external_id, Step::Rate);
                }
            }
            Step::Rate => {
                let report = self.report(external_id)?;
                let actor = self.receptionist(external_id);
                let roll = self.dice(external_id).next() % 100;
                let score = match roll {
                    0..=39 => 5,
                    40..=69 => 4,
                    70..=84 => 3,
                    85..=94 => 2,
                    _ => 1,
                };
                self.act(
                    ctx,
                    &actor,
                    &report,
                    Operation::Rate,
                    Action::Rate { score },
                )?;
            }
        }
        Ok(())
    }

    /// Classify, then dispatch, answer directly, or merge as a duplicate.
    fn triage(&mut self, ctx: &Context, at: Timestamp, external_id: &str) -> Result<()> {
        let report = self.report(external_id)?;
        let actor = self.receptionist(external_id);
        let fields = super::workflow::field_keywords(self.conn)?;
        let suggestions = classify::suggest(&report.content, &report.category_hint, &fields);
        let field = classify::decisive(&suggestions, 1)
            .or(suggestions.first())
            .map_or_else(|| "KHAC".to_owned(), |s| s.field.clone());
        let key = (field.clone(), report.commune.clone());
        if let Some((original, when)) = self.seen.get(&key).copied()
            && !report.commune.is_empty()
            && at - when < Duration::days(2)
            && self.dice(external_id).chance(35)
        {
            let of = reports::load(self.conn, original)?.expect("seen reports exist");
            self.act(
                ctx,
                &actor,
                &report,
                Operation::Duplicate,
                Action::Duplicate {
                    of: of.id,
                    of_status: of.status,
                    of_duplicate_of: of.duplicate_of,
                },
            )?;
            return Ok(());
        }
        self.seen.insert(key, (report.id, at));
        self.act(
            ctx,
            &actor,
            &report,
            Operation::Classify,
            Action::Classify {
                field: field.clone(),
            },
        )?;
        let report = self.report(external_id)?;
        match self.cast.agency_for(&field, &report.commune) {
            None => {
                // Nothing to dispatch: the portal answers itself (Đ7.1.b, second paragraph).
                let text = "Cổng Thông tin điện tử tỉnh đã tiếp nhận và hướng dẫn người phản ánh liên hệ cơ quan có thẩm quyền.".to_owned();
                self.act(
                    ctx,
                    &actor,
                    &report,
                    Operation::Answer,
                    Action::Answer { text },
                )?;
                let delay = self.dice(external_id).minutes(20, 120);
                self.plan(at + delay, external_id, Step::Verify);
            }
            Some(agency) => self.dispatch(ctx, at, &actor, &report, agency, true)?,
        }
        Ok(())
    }

    /// Assigns the report and plans the agency's answer: a reply, or now and then (when
    /// `may_return`) a return as not its jurisdiction.
    fn dispatch(
        &mut self,
        ctx: &Context,
        at: Timestamp,
        actor: &Actor,
        report: &Report,
        agency: String,
        may_return: bool,
    ) -> Result<()> {
        let external_id = report.external_id.as_str();
        let urgent = report.urgent;
        self.act(
            ctx,
            actor,
            report,
            Operation::Assign,
            Action::Assign { agency, urgent },
        )?;
        if may_return && self.dice(external_id).chance(7) {
            let delay = self.dice(external_id).minutes(20, 100);
            self.plan(at + delay, external_id, Step::Return);
        } else {
            let delay = self.reply_delay(external_id, urgent);
            self.plan(at + delay, external_id, Step::Reply);
        }
        Ok(())
    }

    /// Agencies mostly answer within a few hours; some take a day or more.
    fn reply_delay(&mut self, external_id: &str, urgent: bool) -> Duration {
        let dice = self.dice(external_id);
        if urgent {
            dice.minutes(30, 150)
        } else if dice.chance(15) {
            dice.minutes(8 * 60, 50 * 60)
        } else {
            dice.minutes(60, 300)
        }
    }

    fn handler_of(&self, report: &Report) -> Option<Actor> {
        self.cast.handlers.get(report.agency.as_deref()?).cloned()
    }

    fn print(&self, ctx: &Context, path: &Path) -> Result<()> {
        let mut out = std::io::stdout().lock();
        let l = ctx.lang;
        writeln!(
            out,
            "{} {}",
            l.pick("Cơ sở dữ liệu trình diễn:", "Demo database:"),
            path.display()
        )?;
        let first = self
            .first
            .map(|f| f.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let end = self.end.format("%d/%m/%Y %H:%M");
        match l {
            Lang::Vi => writeln!(
                out,
                "Đã phát lại phản ánh từ {first} đến {end} qua toàn bộ quy trình (QĐ 17/2022/QĐ-UBND)."
            )?,
            Lang::En => writeln!(
                out,
                "Played the reports of {first} to {end} through the whole workflow (Decision No. 17/2022/QD-UBND)."
            )?,
        }
        let mut steps = crate::output::new_table();
        steps.set_header(vec![l.pick("Bước", "Step"), l.pick("Số lần", "Count")]);
        for action in STEP_ORDER {
            if let Some(count) = self.actions.get(action) {
                steps.add_row(vec![action_label(action, l).to_owned(), count.to_string()]);
            }
        }
        crate::output::write_table(&mut out, &steps)?;
        let mut statuses = crate::output::new_table();
        // One column per month of submission (YYYY-MM), in order.
        let mut counts: BTreeMap<Status, BTreeMap<String, u64>> = BTreeMap::new();
        let mut months = std::collections::BTreeSet::new();
        for report in reports::list(self.conn, &reports::Filter::default())? {
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
        statuses.set_header(header);
        for (status, by_month) in &counts {
            let mut row = vec![l.pick(status.label_vi(), status.label_en()).to_owned()];
            row.extend(
                months
                    .iter()
                    .map(|m| by_month.get(m).copied().unwrap_or(0).to_string()),
            );
            statuses.add_row(row);
        }
        crate::output::write_table(&mut out, &statuses)?;
        writeln!(
            out,
            "{}",
            l.pick(
                "Thử tiếp: phananh --db phananh-demo.sqlite --as tiepnhan.lan list --status assigned\n         phananh --db phananh-demo.sqlite --as lanhdao.minh audit verify",
                "Try next: phananh --db phananh-demo.sqlite --as tiepnhan.lan list --status assigned\n          phananh --db phananh-demo.sqlite --as lanhdao.minh audit verify"
            )
        )?;
        Ok(())
    }
}

fn reply_text(report: &Report) -> String {
    let what = match report.field.as_deref() {
        Some("GT") => {
            "Đơn vị đã cử lực lượng kiểm tra, vá mặt đường và cắm biển cảnh báo tại vị trí phản ánh."
        }
        Some("MT") => {
            "Đơn vị đã phối hợp đội thu gom dọn sạch rác, nhắc nhở các hộ dân không đổ rác ra kênh."
        }
        Some("DIEN") => "Điện lực đã cử tổ kỹ thuật khắc phục sự cố, cấp điện trở lại cho khu vực.",
        Some("CN") => {
            "Công ty cấp nước đã súc xả đường ống và kiểm tra chất lượng nước đạt quy chuẩn."
        }
        Some("TTDT") => {
            "UBND đã lập biên bản, yêu cầu các hộ kinh doanh trả lại vỉa hè cho người đi bộ."
        }
        Some("HTDT") => {
            "Đơn vị đã thay bóng đèn chiếu sáng và nạo vét cống thoát nước tại khu vực."
        }
        Some("ANTT") => {
            "Công an đã xác minh, nhắc nhở và xử lý các trường hợp vi phạm theo quy định."
        }
        Some("YT") | Some("ATTP") => {
            "Đoàn kiểm tra đã làm việc với cơ sở, lấy mẫu kiểm nghiệm và xử lý vi phạm."
        }
        _ => "Cơ quan đã kiểm tra hiện trường và xử lý nội dung phản ánh theo thẩm quyền.",
    };
    what.to_owned()
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
