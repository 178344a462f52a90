//! Plays reports through the whole workflow in time order, the way the portal and the
//! agencies would have: reception checks and dispatches, agencies return or reply, the
//! portal sends some back, verifies, publishes, citizens rate. Every step goes through the
//! same code as the commands (`ingest`, `validate`, `workflow::perform`), under the example
//! accounts, so the result is a database like a real one: an intact audit chain and the
//! clocks the commands would have started and stopped.
//!
//! Used by `demo` (three months of examples) and by the history generator
//! (`cargo run --release --example gen -- --history`, five years, a million reports). For
//! that scale the input is streamed: reports are read only as the clock reaches them, so the
//! plan holds the reports in flight, not the whole file; the steps run in one transaction
//! committed every [`COMMIT_EVERY`] steps, each step a savepoint in it (see `immediate`).
//! Owns the cast, the dice and the pacing of the steps; owns no rule of the workflow.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Result, bail};
use chrono::Duration;
use rusqlite::Connection;

use super::workflow::{Performed, perform};
use super::{Context, ingest, init, reference, validate};
use crate::domain::access::{Actor, Operation, Role};
use crate::domain::classify::{self, Classifier};
use crate::domain::event::EventKind;
use crate::domain::identity::AuthMode;
use crate::domain::report::{Report, Status};
use crate::domain::text::fold;
use crate::domain::time::{self, Timestamp};
use crate::domain::workflow::Action;
use crate::output::demo::played;
use crate::storage::tx::immediate;
use crate::storage::{self, reports, settings};

const FIELDS: &str = include_str!("../../examples/fields.csv");
const AGENCIES: &str = include_str!("../../examples/agencies.csv");
const STAFF: &str = include_str!("../../examples/staff.csv");

/// Steps per transaction: a commit every step would make a million-report history an
/// fsync-bound affair of hours; one transaction for everything would grow the WAL without
/// bound (perf-anchors.md).
pub const COMMIT_EVERY: u64 = 20_000;

/// Creates the database at `path` with its first admin and the example fields, agencies and
/// staff (the cast that plays), all as of `ctx.now`. `demo` marks it as a demo database, which
/// a later `demo` may replace.
pub fn create(path: &Path, ctx: &Context, demo: bool) -> Result<Connection> {
    let conn = storage::create(path)?;
    // A replay times every step by its own clock: `trust` mode (docs/rules.md §7).
    init::initialize(
        &conn,
        ctx,
        "admin",
        crate::output::init::ADMIN_NAME,
        AuthMode::Trust,
    )?
    .keep();
    if demo {
        settings::set(&conn, settings::DEMO_MARKER, "1")?;
        ctx.note_rows(
            &conn,
            "admin",
            EventKind::SettingsSet,
            serde_json::json!({ "key": settings::DEMO_MARKER, "from": null, "to": "1" }),
            &[("settings", vec![settings::DEMO_MARKER.to_owned()])],
        )?;
    }
    reference::import_fields(
        &conn,
        ctx,
        "admin",
        &table(FIELDS, &["code", "name", "keywords"], 2)?,
        reference::Source::File,
    )?;
    reference::import_agencies(
        &conn,
        ctx,
        "admin",
        &table(
            AGENCIES,
            &["code", "name", "level", "parent", "from", "until"],
            3,
        )?,
        reference::Source::File,
    )?;
    reference::import_staff(
        &conn,
        ctx,
        "admin",
        &table(STAFF, &["username", "name", "role", "agency"], 3)?,
        reference::Source::File,
        // A demo's accounts are its own: made afresh, none changed.
        true,
    )?;
    Ok(conn)
}

fn table(text: &str, columns: &[&str], required: usize) -> Result<Vec<(u64, Vec<String>)>> {
    reference::parse_table(text, "examples", columns, required)
}

/// One report of the input as the app delivered it.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// Position in the input: reports due at the same second are played in input order.
    pub index: u64,
    pub external_id: String,
    /// None when the record's submission time cannot be read: it is still ingested (and
    /// reported malformed, as `ingest` would) where it stands in the input.
    pub submitted: Option<Timestamp>,
    /// The header line and this one record, as CSV: what is ingested.
    pub csv: Vec<u8>,
}

/// Reads the arrivals of a reports CSV (the ingest format, columns in any order) one by one.
pub struct Arrivals<R: std::io::Read> {
    reader: csv::Reader<R>,
    header: csv::ByteRecord,
    external_id: usize,
    submitted_at: usize,
    record: csv::ByteRecord,
    index: u64,
}

impl<R: std::io::BufRead> Arrivals<R> {
    /// Reads the header as `ingest` does (`domain::intake::separator`, `Column::of_header`):
    /// a file `ingest` takes, Excel's semicolons under Vietnamese settings among them, plays.
    /// Each arrival is handed to `ingest` with commas, the header's cells as they were.
    pub fn new(mut input: R) -> Result<Self> {
        use crate::domain::intake::Column;
        let delimiter = crate::domain::intake::separator(input.fill_buf()?);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(input);
        let mut header = csv::ByteRecord::new();
        reader.read_byte_record(&mut header)?;
        let position = |column: Column| {
            header
                .iter()
                .position(|h| Column::of_header(h) == Some(column))
                .ok_or_else(|| anyhow::anyhow!(crate::output::demo::no_column(column.name())))
        };
        Ok(Arrivals {
            external_id: position(Column::ExternalId)?,
            submitted_at: position(Column::SubmittedAt)?,
            reader,
            header,
            record: csv::ByteRecord::new(),
            index: 0,
        })
    }
}

impl<R: std::io::BufRead> Iterator for Arrivals<R> {
    type Item = Result<Arrival>;

    fn next(&mut self) -> Option<Result<Arrival>> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Err(e) => Some(Err(e.into())),
            Ok(true) => {
                let mut csv = Vec::with_capacity(self.record.as_slice().len() + 256);
                let written = {
                    let mut w = csv::WriterBuilder::new()
                        .flexible(true)
                        .from_writer(&mut csv);
                    w.write_byte_record(&self.header)
                        .and_then(|()| w.write_byte_record(&self.record))
                        .and_then(|()| w.flush().map_err(csv::Error::from))
                };
                if let Err(e) = written {
                    return Some(Err(e.into()));
                }
                let text = |i: usize| {
                    String::from_utf8_lossy(self.record.get(i).unwrap_or_default()).into_owned()
                };
                self.index += 1;
                Some(Ok(Arrival {
                    index: self.index,
                    external_id: text(self.external_id).trim().to_owned(),
                    submitted: time::parse(&text(self.submitted_at)).ok().flatten(),
                    csv,
                }))
            }
        }
    }
}

/// How a play goes.
#[derive(Debug, Clone)]
pub struct Options {
    /// Steps due after this moment are not played: the newest reports stay open.
    pub end: Timestamp,
    /// Reports from this input position on are left unfinished, each at a stage of its own
    /// dice (received, accepted, assigned, returned, replied or verified).
    pub open_from: Option<u64>,
    /// The file name the ingest events record.
    pub source: String,
    /// Chance in percent that a report on the same field and commune as one accepted in the
    /// two days before is merged into it as a duplicate: 35 for a few months of examples,
    /// much less at a province's full volume, where such pairs are mostly distinct incidents.
    pub duplicate_percent: u64,
}

/// What a play did.
#[derive(Debug, Default)]
pub struct Played {
    /// The earliest submission played.
    pub first: Option<Timestamp>,
    /// Steps done, by action name (`ingest`, `accept`, `assign`, …; `malformed` for records
    /// the ingest could not read).
    pub actions: BTreeMap<&'static str, u64>,
}

/// Plays `arrivals` (in order of submission) through the workflow on `conn`, whose cast is
/// the example staff, until `options.end`. `ctx.now` follows the steps. `progress` is told
/// the position of each report as it is ingested.
pub fn play(
    conn: &Connection,
    ctx: &mut Context,
    arrivals: impl Iterator<Item = Result<Arrival>>,
    options: &Options,
    progress: &mut dyn FnMut(u64),
) -> Result<Played> {
    // Under WAL, NORMAL never corrupts the file; a crash loses at most the last batches,
    // and a history is rebuilt rather than resumed.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Each step is a savepoint: its undo pages go to a sub-journal, in memory rather than a
    // temporary file written at every step.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let cast = Cast::load(conn)?;
    let mut player = Player {
        conn,
        classifier: Classifier::new(&crate::app::workflow::field_keywords(conn)?),
        cast,
        options,
        arrivals: arrivals.peekable(),
        latest: None,
        queue: BTreeMap::new(),
        sequence: 0,
        in_flight: HashMap::new(),
        seen: HashMap::new(),
        played: Played::default(),
        settings_vouched_at: None,
    };
    let mut batch = immediate(conn)?;
    let mut in_batch = 0;
    while let Some(((at, _, _), (external_id, step))) = player.next_step()? {
        if at > options.end {
            break;
        }
        if let Step::Ingest(arrival) = &step {
            progress(arrival.index);
        }
        ctx.now = at;
        player.play_step(ctx, at, &external_id, step)?;
        player.done(&external_id);
        in_batch += 1;
        if in_batch >= COMMIT_EVERY {
            batch.commit()?;
            // Between the two transactions another writer may have changed a setting.
            player.settings_vouched_at = None;
            batch = immediate(conn)?;
            in_batch = 0;
        }
    }
    batch.commit()?;
    Ok(player.played)
}

/// The accounts that act, by role and agency.
struct Cast {
    reception: Vec<Actor>,
    handlers: HashMap<String, Actor>,
    /// Commune agencies by the commune name reports carry, folded: "Phường An Xuyên" is
    /// the people's committee "UBND phường An Xuyên" (Decree 30/2020/NĐ-CP, Appendix II).
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
            .filter_map(|a| Some((fold(a.name.strip_prefix("UBND ")?), a.code)))
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
            .get(&fold(commune))
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
            .get(&fold(commune))
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

/// A deterministic generator (SplitMix64): the same input plays the same history every time.
#[derive(Debug, Clone)]
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed)
    }

    /// Seeded by a report's app id, so each report's history is its own.
    pub fn for_report(external_id: &str) -> Dice {
        Dice(external_id.bytes().fold(0x9E37_79B9_7F4A_7C15, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
        }))
    }

    pub fn roll(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.roll() % 100 < percent
    }

    /// Minutes in `low..=high`.
    pub fn minutes(&mut self, low: i64, high: i64) -> Duration {
        Duration::minutes(low + (self.roll() % (high - low + 1) as u64) as i64)
    }
}

/// A step planned for a moment; played in time order across all reports.
#[derive(Debug, Clone)]
enum Step {
    Ingest(Arrival),
    Validate,
    Triage,
    Return,
    Reassign,
    Reply,
    Verify,
    Publish,
    Rate,
}

/// Where a report left open (`Options::open_from`) stops: the first step it never gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hold {
    /// Stays `received`.
    Validate,
    /// Stays `accepted`, unclassified.
    Triage,
    /// Stays `assigned`: the agency has not answered.
    Answer,
    /// Returned by the agency, never dispatched again.
    Reassign,
    /// Stays `replied`.
    Verify,
    /// Stays `verified`.
    Publish,
}

/// What the player keeps of a report while it has steps to come.
struct InFlight {
    dice: Dice,
    id: Option<i64>,
    hold: Option<Hold>,
    /// Steps planned and not yet played.
    pending: u32,
}

/// (time, 0 for an ingest else 1, input position or planning sequence): ingests come first
/// at a tie, in input order; other steps in the order they were planned.
type Key = (Timestamp, u8, u64);

struct Player<'c, 'o, I: Iterator<Item = Result<Arrival>>> {
    conn: &'c Connection,
    /// The example fields' keywords (they do not change while playing).
    classifier: Classifier,
    cast: Cast,
    options: &'o Options,
    arrivals: std::iter::Peekable<I>,
    /// The latest submission read from the input.
    latest: Option<Timestamp>,
    queue: BTreeMap<Key, (String, Step)>,
    sequence: u64,
    in_flight: HashMap<String, InFlight>,
    /// Earlier accepted reports by (field, commune), for spotting duplicates.
    seen: HashMap<(String, String), (i64, Timestamp)>,
    played: Played,
    /// The latest event about no report when the settings `validate` reads were last found
    /// vouched for by the log, in the transaction under way (None: not yet in this one). The
    /// transaction holds the write lock, so only the player could change them, and each of
    /// its changes would be sealed after that event.
    settings_vouched_at: Option<Option<i64>>,
}

impl<I: Iterator<Item = Result<Arrival>>> Player<'_, '_, I> {
    /// The next step in time order, after reading every arrival that might come before it:
    /// a report is ingested a few minutes after its submission, so no report submitted
    /// after the earliest planned step can be due before it.
    fn next_step(&mut self) -> Result<Option<(Key, (String, Step))>> {
        loop {
            let horizon = self.queue.first_key_value().map(|((at, _, _), _)| *at);
            let due = match self.arrivals.peek() {
                None => false,
                Some(Err(_)) => true,
                Some(Ok(arrival)) => match (arrival.submitted.or(self.latest), horizon) {
                    (Some(submitted), Some(horizon)) => submitted <= horizon,
                    _ => true,
                },
            };
            if !due {
                return Ok(self.queue.pop_first());
            }
            let arrival = self.arrivals.next().expect("peeked")?;
            self.arrive(arrival)?;
        }
    }

    /// Plans the ingest of one arrival: the app delivers to the portal within a few minutes.
    fn arrive(&mut self, arrival: Arrival) -> Result<()> {
        let submitted = match (arrival.submitted, self.latest) {
            (Some(submitted), Some(latest)) if submitted < latest => bail!(
                crate::output::demo::out_of_order(&arrival.external_id, &submitted, &latest)
            ),
            (Some(submitted), _) => submitted,
            // Unreadable: ingested (and found malformed) where it stands; first if first.
            (None, Some(latest)) => latest,
            (None, None) => time::start_of_day(chrono::NaiveDate::default()),
        };
        self.latest = Some(submitted);
        if arrival.submitted.is_some() {
            self.played.first = Some(self.played.first.map_or(submitted, |f| f.min(submitted)));
        }
        let mut dice = Dice::for_report(&arrival.external_id);
        let at = submitted + dice.minutes(1, 5);
        let hold = match self.options.open_from {
            Some(from) if arrival.index >= from => Some(match dice.roll() % 100 {
                0..=14 => Hold::Validate,
                15..=29 => Hold::Triage,
                30..=59 => Hold::Answer,
                60..=64 => Hold::Reassign,
                65..=84 => Hold::Verify,
                _ => Hold::Publish,
            }),
            _ => None,
        };
        let external_id = arrival.external_id.clone();
        // The same app id twice in the input: the second is found already stored when its
        // turn comes, and the first keeps its dice.
        self.in_flight
            .entry(external_id.clone())
            .or_insert(InFlight {
                dice,
                id: None,
                hold,
                pending: 0,
            })
            .pending += 1;
        self.queue
            .insert((at, 0, arrival.index), (external_id, Step::Ingest(arrival)));
        Ok(())
    }

    /// Plans `step` for the report at `at`, unless the report is held before it.
    fn plan(&mut self, at: Timestamp, external_id: &str, step: Step) {
        let held = self.in_flight.get(external_id).and_then(|f| f.hold);
        let stop = match step {
            Step::Validate => held == Some(Hold::Validate),
            Step::Triage => held == Some(Hold::Triage),
            Step::Reply | Step::Return => held == Some(Hold::Answer),
            Step::Reassign => held == Some(Hold::Reassign),
            Step::Verify => held == Some(Hold::Verify),
            Step::Publish => held == Some(Hold::Publish),
            Step::Ingest(_) | Step::Rate => false,
        };
        if stop {
            return;
        }
        self.sequence += 1;
        self.flight(external_id).pending += 1;
        self.queue
            .insert((at, 1, self.sequence), (external_id.to_owned(), step));
    }

    /// A step of the report was played: once none is left, its dice are forgotten, so memory
    /// holds the reports in flight only.
    fn done(&mut self, external_id: &str) {
        let flight = self.flight(external_id);
        flight.pending = flight.pending.saturating_sub(1);
        if flight.pending == 0 {
            self.in_flight.remove(external_id);
        }
    }

    fn flight(&mut self, external_id: &str) -> &mut InFlight {
        self.in_flight
            .entry(external_id.to_owned())
            .or_insert_with(|| InFlight {
                dice: Dice::for_report(external_id),
                id: None,
                hold: None,
                pending: 0,
            })
    }

    fn dice(&mut self, external_id: &str) -> &mut Dice {
        &mut self.flight(external_id).dice
    }

    fn held(&self, external_id: &str, hold: Hold) -> bool {
        self.in_flight
            .get(external_id)
            .is_some_and(|f| f.hold == Some(hold))
    }

    fn count(&mut self, action: &'static str) {
        *self.played.actions.entry(action).or_default() += 1;
    }

    /// The number of the report, remembered from its ingest.
    fn id(&mut self, external_id: &str) -> Result<i64> {
        if let Some(id) = self.flight(external_id).id {
            return Ok(id);
        }
        let id = reports::id_of_external(self.conn, external_id)?
            .ok_or_else(|| anyhow::anyhow!("the player lost report {external_id}"))?;
        self.flight(external_id).id = Some(id);
        Ok(id)
    }

    fn report(&mut self, external_id: &str) -> Result<Report> {
        let id = self.id(external_id)?;
        reports::load(self.conn, id)?.ok_or_else(|| anyhow::anyhow!("the player lost report {id}"))
    }

    fn receptionist(&mut self, external_id: &str) -> Actor {
        let n = self.dice(external_id).roll() as usize % self.cast.reception.len();
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
        self.count(action.kind().as_str());
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
            Step::Ingest(arrival) => {
                let summary = ingest::ingest_reader(
                    self.conn,
                    ctx,
                    "tiepnhan.lan",
                    &self.options.source,
                    arrival.csv.as_slice(),
                    arrival.csv.len() as u64,
                    ingest::InputFormat::Csv,
                    false,
                )?;
                if summary.malformed > 0 {
                    self.count("malformed");
                    return Ok(());
                }
                let Some(id) = summary.first_id else {
                    // Already stored (the same app id twice): played the first time only.
                    self.count("already_present");
                    return Ok(());
                };
                self.flight(external_id).id = Some(id);
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
                let id = self.id(external_id)?;
                let mut accepted = false;
                let head = storage::events::last_of_no_report(self.conn)?;
                if self.settings_vouched_at != Some(head) {
                    validate::refuse_over_unvouched_settings(self.conn)?;
                    self.settings_vouched_at = Some(head);
                }
                let outcome = validate::validate_under_vouched_settings(
                    self.conn,
                    ctx,
                    &actor,
                    &[id.to_string()],
                    &mut |v| {
                        accepted |= v.status == Status::Accepted;
                        Ok(())
                    },
                )?;
                if let Some(failure) = outcome.edited_failure(0) {
                    return Err(failure.into());
                }
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
                        reason: played::RETURN_REASON.into(),
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
                let text = played::reply(report.field.as_deref()).to_owned();
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
                            reason: played::SEND_BACK_REASON.into(),
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
                let roll = self.dice(external_id).roll() % 100;
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
        let suggestions = self
            .classifier
            .suggest(&report.content, &report.category_hint);
        let field = classify::decisive(&suggestions, 1)
            .or(suggestions.first())
            .map_or_else(|| "KHAC".to_owned(), |s| s.field.clone());
        let key = (field.clone(), report.commune.clone());
        let duplicates = self.options.duplicate_percent;
        if let Some((original, when)) = self.seen.get(&key).copied()
            && !report.commune.is_empty()
            && at - when < Duration::days(2)
            && self.dice(external_id).chance(duplicates)
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
                let text = played::PORTAL_ANSWER.to_owned();
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
        // A report held as returned is returned; the others now and then.
        if may_return
            && (self.held(external_id, Hold::Reassign) || self.dice(external_id).chance(7))
        {
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
}
