//! `gen`: realistic reports for Cà Mau in the ingest CSV format (docs/rules.md §6), as many as asked,
//! the same bytes for the same `--count` and `--seed`; with `--history`, also a database in
//! which every report has been played through the workflow by phananh's own code (a sealed
//! audit chain, the clocks the commands keep). It replaced the benchmarks' first generator, a
//! Python script since removed; see examples/README.md.
//!
//! The rows are written in time order, streaming: memory stays flat for any count.

mod places;
mod words;

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use chrono::{Datelike, Duration, Months, NaiveDate, Timelike};
use clap::Parser;
use phananh::app::play::{self, Dice};
use phananh::domain::intake::Column;
use phananh::domain::lunar;
use phananh::domain::time::{self, Timestamp};
use phananh::domain::validate::Reason;

use places::{COMMUNES, Commune, Kind, PROVINCE, Sea};
use words::{COAST, COUNTRY, DRY, FIELDS, Field, TOWN, WET};

/// Generates realistic citizen reports for Cà Mau (the ingest CSV format) and, with
/// --history, a database with their whole sealed workflow history.
///
/// Reports spread over the years before --until, more in the daytime and on working days,
/// growing year by year as the app spreads, with the seasons' troubles (floods and dengue in
/// the rainy season, salt water and fires in the dry one). Texts are 200–800 characters of
/// Vietnamese (NFC) in the 17 fields of examples/fields.csv; points lie in the commune the
/// report names, inside the province; about 5% of the rows are incomplete (one defect each,
/// every reason `validate` knows) and 0.05% malformed (what `ingest` must refuse). The same
/// --count and --seed give the same bytes.
#[derive(Debug, Parser)]
#[command(
    name = "gen",
    max_term_width = 100,
    after_help = "Examples:
  cargo run --release --example gen -- --count 1000000 --seed 7 --out bench-data/reports-1m.csv
  cargo run --release --example gen -- --count 1000000 --seed 7 --out bench-data/r.csv \\
      --history --db bench-data/history-1m.sqlite --open 100000
  cargo run --example gen -- --count 2000 --seed 1 --out /tmp/r.csv --until 2026-12-31T17:00:00+07:00"
)]
pub struct Args {
    /// How many reports (rows) to write, e.g. 1000000.
    #[arg(long)]
    count: u64,
    /// Seed of the generator, e.g. 7: the same count and seed give the same file, byte for
    /// byte.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The CSV file to write (replaced if it exists); `-` for standard output.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The last moment a report may be submitted, RFC 3339 at +07:00; with --history also the
    /// moment the play stops.
    #[arg(long, value_name = "TIME", default_value = "2026-10-31T17:00:00+07:00")]
    until: String,
    /// How many years of reports end at --until.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    years: u32,
    /// Share of incomplete rows (stored by ingest, rejected by validate), e.g. 0.05.
    #[arg(long, default_value_t = 0.05, value_name = "SHARE")]
    incomplete: f64,
    /// Share of malformed rows (refused by ingest: bad time, wrong field count, bad boolean,
    /// bad number, bad UTF-8, no app id), e.g. 0.0005; spread evenly through the file.
    #[arg(long, default_value_t = 0.0005, value_name = "SHARE")]
    malformed: f64,
    /// Also create --db and play every report through the workflow (ingest, validate,
    /// classify, assign, return and re-dispatch, reply, send back, verify, publish, rate) at
    /// plausible delays, through phananh's own code, until --until.
    #[arg(long, requires = "db")]
    history: bool,
    /// With --history: the database to create (it must not exist yet).
    #[arg(long, value_name = "FILE", requires = "history")]
    db: Option<PathBuf>,
    /// With --history: leave about this many of the newest reports unfinished, each at a
    /// stage of its own (received, accepted, assigned, returned, replied, verified): a count
    /// (100000) or a share of --count (0.1). Without it only the last hours' reports are open.
    #[arg(long, value_name = "N|SHARE", requires = "history")]
    open: Option<String>,
}

fn main() -> Result<()> {
    run(&Args::parse()).map(drop)
}

/// Writes the reports (and with --history the database) that `args` ask for; returns what
/// was written.
pub fn run(args: &Args) -> Result<Stats> {
    let until = time::parse(&args.until)
        .ok()
        .flatten()
        .with_context(|| format!("--until {:?} is not an RFC 3339 time", args.until))?;
    for (name, share) in [
        ("incomplete", args.incomplete),
        ("malformed", args.malformed),
    ] {
        if !(0.0..=1.0).contains(&share) {
            bail!("--{name} must be a share between 0 and 1, not {share}");
        }
    }
    let open_from = match &args.open {
        None => None,
        Some(text) => Some(open_from(text, args.count)?),
    };
    if args.history && args.out.as_os_str() == "-" {
        bail!("--history reads the reports back: give --out a file");
    }
    if let Some(db) = &args.db
        && db.exists()
    {
        bail!(
            "{} exists; --history creates a new database (remove it first)",
            db.display()
        );
    }

    let started = Instant::now();
    let mut generator = Generator::new(args, until);
    let stats = if args.out.as_os_str() == "-" {
        generator.write(std::io::stdout().lock())?
    } else {
        let file =
            File::create(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
        generator.write(file)?
    };
    stats.print(&args.out, started.elapsed().as_secs_f64());

    if let Some(db) = &args.db {
        history(&args.out, db, until, open_from, args.count)?;
    }
    Ok(stats)
}

/// `--open`: a count, or a share of the count with a decimal point; the input position
/// (1-based) from which reports are left open.
fn open_from(text: &str, count: u64) -> Result<u64> {
    let open = if text.contains('.') {
        let share: f64 = text
            .parse()
            .ok()
            .filter(|s| (0.0..=1.0).contains(s))
            .with_context(|| format!("--open {text:?} is neither a count nor a share 0..1"))?;
        (share * count as f64).round() as u64
    } else {
        text.parse()
            .with_context(|| format!("--open {text:?} is neither a count nor a share 0..1"))?
    };
    Ok(count.saturating_sub(open) + 1)
}

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

/// A uniform number in [0, 1).
fn unit(dice: &mut Dice) -> f64 {
    (dice.roll() >> 11) as f64 / (1u64 << 53) as f64
}

fn below(dice: &mut Dice, n: usize) -> usize {
    (dice.roll() % n as u64) as usize
}

fn pick<T: Copy>(dice: &mut Dice, items: &[T]) -> T {
    items[below(dice, items.len())]
}

fn chance(dice: &mut Dice, p: f64) -> bool {
    unit(dice) < p
}

/// An index drawn by the running totals of weights `cumulative`.
fn weighted(dice: &mut Dice, cumulative: &[f64]) -> usize {
    let target = unit(dice) * cumulative.last().copied().unwrap_or(0.0);
    cumulative
        .partition_point(|&c| c <= target)
        .min(cumulative.len() - 1)
}

fn running_totals(weights: impl Iterator<Item = f64>) -> Vec<f64> {
    weights
        .scan(0.0, |total, w| {
            *total += w;
            Some(*total)
        })
        .collect()
}

/// Each row has dice of its own, so that a row does not depend on the draws of the ones
/// before it (changing the share of malformed rows changes only those rows).
fn row_dice(seed: u64, row: u64) -> Dice {
    let mut mixer = Dice::new(seed ^ 0x5EED_0FCA_4A00_u64.wrapping_mul(row.wrapping_add(1)));
    Dice::new(mixer.roll())
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

/// How a row is broken so that `ingest` refuses it.
pub const MALFORMED: [&str; 7] = [
    "submitted_at",
    "occurred_at",
    "field_count",
    "boolean",
    "number",
    "utf8",
    "external_id",
];

/// Reports by local hour of the day (the app is used most in working hours and evenings).
const HOUR_WEIGHTS: [f64; 24] = [
    2.0, 1.5, 1.5, 1.5, 1.5, 2.0, 3.0, 8.0, 8.0, 8.0, 8.0, 8.0, 5.0, 8.0, 8.0, 8.0, 8.0, 8.0, 6.0,
    6.0, 6.0, 6.0, 3.0, 3.0,
];

/// What was written, for the summary.
#[derive(Debug, Default)]
pub struct Stats {
    pub rows: u64,
    pub bytes: u64,
    /// Incomplete rows (well-formed, lacking one thing) by reason, in the order of `Reason::ALL`.
    pub incomplete: [u64; 8],
    /// Malformed rows by kind, in the order of `MALFORMED`.
    pub malformed: [u64; 7],
    pub urgent: u64,
    pub confidential: u64,
}

impl Stats {
    /// Incomplete rows by the reason code `validate` gives them.
    pub fn incomplete_by_reason(&self) -> Vec<(&'static str, u64)> {
        Reason::ALL
            .iter()
            .zip(self.incomplete)
            .map(|(d, n)| (d.code(), n))
            .collect()
    }

    fn print(&self, out: &Path, seconds: f64) {
        let incomplete: u64 = self.incomplete.iter().sum();
        let malformed: u64 = self.malformed.iter().sum();
        eprintln!(
            "gen: {} reports to {} ({:.1} MB) in {seconds:.2} s",
            self.rows,
            out.display(),
            self.bytes as f64 / 1e6
        );
        eprintln!(
            "gen: complete {}, incomplete {incomplete}, malformed {malformed}, urgent {}, confidential {}",
            self.rows - incomplete - malformed,
            self.urgent,
            self.confidential
        );
        let by = |names: &mut dyn Iterator<Item = &str>, counts: &[u64]| {
            names
                .zip(counts)
                .map(|(n, c)| format!("{n} {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        eprintln!(
            "gen: incomplete by reason: {}",
            by(&mut Reason::ALL.iter().map(|d| d.code()), &self.incomplete)
        );
        eprintln!(
            "gen: malformed by kind: {}",
            by(&mut MALFORMED.iter().copied(), &self.malformed)
        );
    }
}

/// A person who reports: a name and a phone number (digits, national form).
#[derive(Debug, Clone)]
struct Person {
    name: String,
    phone: String,
    fixed_line: bool,
}

struct Generator {
    seed: u64,
    count: u64,
    incomplete: f64,
    /// Running totals of the weight of each hour from `start` on.
    hours: Vec<f64>,
    start: Timestamp,
    until: Timestamp,
    /// The hour bucket the last row fell in (rows come in time order).
    cursor: usize,
    communes: Vec<f64>,
    /// Five hamlets (ấp) of each commune.
    hamlets: Vec<[&'static str; 5]>,
    /// People who report often, in the former Cà Mau and Bạc Liêu provinces.
    regulars: [Vec<Person>; 2],
    malformed: Malformed,
    /// The year and the app's last sequence number in it (ids restart each year).
    sequence: (i32, u64),
    /// The lunar month of the last day seen (rows come in time order).
    lunar: (NaiveDate, u32),
    stats: Stats,
}

/// Where the malformed rows go: one in each block of count / malformed rows, at a place of
/// the block's own dice.
struct Malformed {
    total: u64,
    block: u64,
    block_end: u64,
    at: u64,
}

impl Malformed {
    fn new(seed: u64, count: u64, share: f64) -> Malformed {
        let total = ((count as f64) * share).round() as u64;
        let mut m = Malformed {
            total,
            block: 0,
            block_end: 0,
            at: u64::MAX,
        };
        if total > 0 {
            m.enter(seed, count, 0);
        }
        m
    }

    fn enter(&mut self, seed: u64, count: u64, block: u64) {
        let begin = block * count / self.total;
        self.block = block;
        self.block_end = (block + 1) * count / self.total;
        let mut dice = row_dice(seed ^ 0xBAD0_BAD0, block);
        self.at = begin + dice.roll() % (self.block_end - begin).max(1);
    }

    /// The malformed kind of row `row`, if it is one.
    fn kind(&mut self, seed: u64, count: u64, row: u64) -> Option<usize> {
        if self.total == 0 {
            return None;
        }
        if row >= self.block_end && self.block + 1 < self.total {
            self.enter(seed, count, self.block + 1);
        }
        (row == self.at).then_some((self.block % MALFORMED.len() as u64) as usize)
    }
}

/// One row being built: the 15 columns as text.
#[derive(Default)]
struct Row {
    columns: [String; 15],
}

impl Row {
    fn set(&mut self, column: usize, text: &str) {
        self.columns[column].clear();
        self.columns[column].push_str(text);
    }
}

/// Positions of the ingest columns (`Column::ALL`, the order of `examples/reports.csv`).
const EXTERNAL_ID: usize = Column::ExternalId as usize;
const SUBMITTED_AT: usize = Column::SubmittedAt as usize;
const OCCURRED_AT: usize = Column::OccurredAt as usize;
const CONTENT: usize = Column::Content as usize;
const MEDIA: usize = Column::Media as usize;
const LATITUDE: usize = Column::Latitude as usize;
const LONGITUDE: usize = Column::Longitude as usize;
const ADDRESS: usize = Column::Address as usize;
const COMMUNE: usize = Column::Commune as usize;
const NAME: usize = Column::ReporterName as usize;
const PHONE: usize = Column::ReporterPhone as usize;
const CONFIDENTIAL: usize = Column::Confidential as usize;
const CONSENT: usize = Column::Consent as usize;
const URGENT: usize = Column::Urgent as usize;
const HINT: usize = Column::CategoryHint as usize;

impl Generator {
    fn new(args: &Args, until: Timestamp) -> Generator {
        let start = until
            .checked_sub_months(Months::new(12 * args.years))
            .expect("a few years before a year in 1900–2199 is a time");
        let mut setup = Dice::new(args.seed ^ 0xC0FF_EE00_D15C_0DE5);
        let hamlets = COMMUNES
            .iter()
            .map(|_| {
                let mut five = [""; 5];
                for i in 0..five.len() {
                    five[i] = loop {
                        let h = pick(&mut setup, words::HAMLETS);
                        if !five.contains(&h) {
                            break h;
                        }
                    };
                }
                five
            })
            .collect();
        let regulars = [false, true]
            .map(|bac_lieu| (0..1_500).map(|_| person(&mut setup, bac_lieu)).collect());
        Generator {
            seed: args.seed,
            count: args.count,
            incomplete: args.incomplete,
            hours: hour_weights(start, until),
            start,
            until,
            cursor: 0,
            communes: running_totals(COMMUNES.iter().map(|c| c.weight)),
            hamlets,
            regulars,
            malformed: Malformed::new(args.seed, args.count, args.malformed),
            sequence: (0, 0),
            lunar: (NaiveDate::MIN, 0),
            stats: Stats::default(),
        }
    }

    fn write(&mut self, out: impl Write) -> Result<Stats> {
        let counted = Counted {
            inner: BufWriter::with_capacity(1 << 20, out),
            bytes: 0,
        };
        let mut csv = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(counted);
        csv.write_record(Column::ALL.map(Column::name))?;
        let mut row = Row::default();
        for i in 0..self.count {
            let mut dice = row_dice(self.seed, i);
            let malformed = self.malformed.kind(self.seed, self.count, i);
            let facts = self.row(i, &mut dice, &mut row);
            match malformed {
                None => {
                    csv.write_record(&row.columns)?;
                    if let Some(defect) = facts.defect {
                        self.stats.incomplete[defect as usize] += 1;
                    }
                    self.stats.urgent += u64::from(facts.urgent);
                    self.stats.confidential += u64::from(facts.confidential);
                }
                Some(kind) => {
                    self.stats.malformed[kind] += 1;
                    csv.write_record(break_row(kind, &mut dice, &row))?;
                }
            }
            self.stats.rows += 1;
        }
        csv.flush()?;
        let mut counted = csv
            .into_inner()
            .map_err(|e| anyhow::anyhow!("writing the CSV: {}", e.error()))?;
        counted.inner.flush()?;
        self.stats.bytes = counted.bytes;
        Ok(std::mem::take(&mut self.stats))
    }

    /// The submission time of row `i`: the (i + u)/count quantile of the year's weights, so
    /// rows come out in time order without being sorted.
    fn submitted(&mut self, i: u64, dice: &mut Dice) -> Timestamp {
        let total = *self.hours.last().expect("at least one hour");
        let target = (i as f64 + unit(dice)) / self.count as f64 * total;
        while self.cursor + 1 < self.hours.len() && self.hours[self.cursor] <= target {
            self.cursor += 1;
        }
        let before = if self.cursor == 0 {
            0.0
        } else {
            self.hours[self.cursor - 1]
        };
        let share = ((target - before) / (self.hours[self.cursor] - before)).clamp(0.0, 1.0);
        let hour = self.start + Duration::hours(self.cursor as i64);
        let length = (self.until - hour).num_seconds().min(3600);
        let at = hour + Duration::seconds((share * length as f64) as i64);
        at.min(self.until)
    }

    /// Writes row `i` into `row`; returns what it is.
    fn row(&mut self, i: u64, dice: &mut Dice, row: &mut Row) -> Facts {
        let submitted = self.submitted(i, dice);
        let commune_index = weighted(dice, &self.communes);
        let commune = &COMMUNES[commune_index];
        let place = Place::new(dice, commune, &self.hamlets[commune_index]);
        let month = submitted.month();
        let date = submitted.date_naive();
        if self.lunar.0 != date {
            self.lunar = (date, lunar::from_solar(date).month);
        }
        let lunar_month = self.lunar.1;
        let wet = (5..=11).contains(&month);
        let urgent = chance(dice, 0.012);

        // The field, weighted by place and season.
        let (field, text) = if urgent {
            let (code, text) = urgent_text(dice, &place, wet);
            (field_of(code), text)
        } else {
            let weights: Vec<f64> = FIELDS
                .iter()
                .map(|f| f.weight * factor(f.code, &place, month, lunar_month))
                .collect();
            let field = &FIELDS[weighted(dice, &running_totals(weights.into_iter()))];
            (field, incident(dice, field, &place, wet))
        };
        let slots = Slots::new(dice, commune, &place);
        let mut content = String::with_capacity(900);
        compose(dice, field, urgent, text, &place, wet, &slots, &mut content);

        // The app's id: CMG-YEAR-sequence, restarting each year, with the gaps of reports
        // withdrawn in the app before they were sent.
        let year = submitted.year();
        if self.sequence.0 != year {
            self.sequence = (year, 0);
        }
        self.sequence.1 += if chance(dice, 0.1) { 2 } else { 1 };
        row.set(EXTERNAL_ID, &format!("CMG-{year}-{:07}", self.sequence.1));
        row.set(SUBMITTED_AT, &time::format(&submitted));
        let delay = match below(dice, 3) {
            0 => 3 + below(dice, 57),
            1 => 30 + below(dice, 270),
            _ => 60 + below(dice, 2820),
        };
        let occurred = submitted - Duration::minutes(delay as i64);
        row.set(OCCURRED_AT, &occurred_text(dice, &occurred));
        row.set(CONTENT, &content);
        row.set(MEDIA, &media(dice, &submitted));

        let (latitude, longitude) = point(dice, commune);
        let decimals = 4 + below(dice, 3);
        row.set(LATITUDE, &format!("{latitude:.decimals$}"));
        row.set(LONGITUDE, &format!("{longitude:.decimals$}"));
        row.set(ADDRESS, &place.address);
        row.set(COMMUNE, commune.name);
        let where_ = unit(dice);
        if where_ < 0.14 {
            row.set(LATITUDE, "");
            row.set(LONGITUDE, "");
        } else if where_ < 0.26 {
            row.set(ADDRESS, "");
        } else if where_ < 0.32 {
            row.set(ADDRESS, "");
            row.set(COMMUNE, "");
        } else if where_ < 0.38 {
            row.set(COMMUNE, "");
        }

        let person = if chance(dice, 0.35) {
            let regulars = &self.regulars[usize::from(commune.bac_lieu())];
            regulars[below(dice, regulars.len())].clone()
        } else {
            person(dice, commune.bac_lieu())
        };
        row.set(NAME, &person.name);
        row.set(PHONE, &phone_text(dice, &person));

        let sensitive = matches!(field.code, "ANTT" | "VHXH" | "GD" | "DD");
        let confidential = chance(dice, if sensitive { 0.25 } else { 0.04 });
        let consent = chance(dice, 0.6);
        row.set(CONFIDENTIAL, boolean(dice, confidential));
        row.set(CONSENT, boolean(dice, consent));
        row.set(URGENT, boolean(dice, urgent));
        let hint = if chance(dice, 0.12) {
            if chance(dice, 0.9) {
                field.code
            } else {
                FIELDS[below(dice, FIELDS.len())].code
            }
        } else {
            ""
        };
        row.set(HINT, hint);

        // About one row in twenty lacks something (Đ6): one defect each.
        let mut facts = Facts {
            defect: None,
            urgent,
            confidential,
        };
        if chance(dice, self.incomplete) {
            let defect = pick(dice, &Reason::ALL);
            facts.defect = Some(defect);
            match defect {
                Reason::MissingContent => row.set(CONTENT, ""),
                Reason::MissingMedia => row.set(MEDIA, ""),
                Reason::MissingTime => row.set(OCCURRED_AT, ""),
                Reason::MissingLocation => {
                    for column in [LATITUDE, LONGITUDE, ADDRESS, COMMUNE] {
                        row.set(column, "");
                    }
                }
                Reason::MissingName => row.set(NAME, ""),
                Reason::MissingPhone => row.set(PHONE, ""),
                Reason::InvalidPhone => row.set(PHONE, pick(dice, words::INVALID_PHONES)),
                Reason::NotVietnamese => row.set(CONTENT, pick(dice, words::FOREIGN)),
            }
        }
        facts
    }
}

/// What a row is, for the summary (counted only when the row is not broken afterwards).
struct Facts {
    defect: Option<Reason>,
    urgent: bool,
    confidential: bool,
}

/// Counts what goes through, for the summary.
struct Counted<W: Write> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The weight of each hour from `start` to `until`, as running totals: the hour of the day,
/// weekends and Tết (fewer reports), the rainy season (more), and the app's growth over the
/// years (from 40% of today's use at the start).
fn hour_weights(start: Timestamp, until: Timestamp) -> Vec<f64> {
    let hours = ((until - start).num_seconds() + 3599) / 3600;
    let mut day_factor = (NaiveDate::MIN, 1.0);
    let weights = (0..hours).map(|h| {
        let at = start + Duration::hours(h);
        let date = at.date_naive();
        if day_factor.0 != date {
            day_factor = (date, day_weight(date));
        }
        let growth = 0.4 + 0.6 * (h as f64 / hours as f64);
        let length = ((until - at).num_seconds().min(3600)) as f64 / 3600.0;
        HOUR_WEIGHTS[at.hour() as usize] * day_factor.1 * growth * length
    });
    running_totals(weights)
}

fn day_weight(date: NaiveDate) -> f64 {
    let lunar = lunar::from_solar(date);
    let weekday = match date.weekday() {
        chrono::Weekday::Sat => 0.8,
        chrono::Weekday::Sun => 0.7,
        _ => 1.0,
    };
    // The last day of the lunar year to the fourth of the new one: families at home.
    let tet = (lunar.month == 12 && lunar.day >= 29) || (lunar.month == 1 && lunar.day <= 4);
    let season = if (5..=11).contains(&date.month()) {
        1.15
    } else {
        1.0
    };
    weekday * season * if tet { 0.45 } else { 1.0 }
}

/// How much more (or less) a field is reported in a place and a month: no shrimp ponds in a
/// ward, few pavements in a hamlet; floods and dengue with the rains, salt water and fires in
/// the dry season, markets and food before Tết (lunar month 12).
fn factor(code: &str, place: &Place, month: u32, lunar_month: u32) -> f64 {
    let place_factor = match (place.town, code) {
        (true, "NNTS") => 0.1,
        (true, "TL") => 0.4,
        (true, "TTDT") => 1.6,
        (true, "HTDT") => 1.3,
        (false, "TTDT") => 0.3,
        (false, "HTDT") => 0.6,
        (false, "NNTS") => 2.0,
        (false, "TL") => 1.8,
        _ => 1.0,
    };
    let wet = (5..=11).contains(&month);
    let season = match (wet, code) {
        (true, "HTDT") => 1.4,
        (true, "YT") => 1.4,
        (true, "GT") => 1.2,
        (true, "TL") if month >= 9 => 1.4,
        (false, "TL") => 1.3,
        (false, "CN") => 1.3,
        (false, "MT") => 1.2,
        _ => 1.0,
    };
    let tet = match (lunar_month, code) {
        (12, "ATTP") => 1.8,
        (12, "TTDT") => 1.4,
        (12 | 1, "ANTT") => 1.2,
        _ => 1.0,
    };
    place_factor * season * tet
}

fn field_of(code: &str) -> &'static Field {
    FIELDS
        .iter()
        .find(|f| f.code == code)
        .expect("urgent texts name known fields")
}

/// Whether a sentence with `flags` may be said in `place` in this season.
fn fits(flags: u8, place: &Place, wet: bool) -> bool {
    (flags & COAST == 0 || place.coast)
        && (flags & TOWN == 0 || place.town)
        && (flags & COUNTRY == 0 || !place.town)
        && (flags & WET == 0 || wet)
        && (flags & DRY == 0 || !wet)
}

fn incident(dice: &mut Dice, field: &Field, place: &Place, wet: bool) -> &'static str {
    let mut tries = 0;
    loop {
        let (flags, text) = pick(dice, field.incidents);
        tries += 1;
        if fits(flags, place, wet) || tries > 50 {
            return text;
        }
    }
}

fn urgent_text(dice: &mut Dice, place: &Place, wet: bool) -> (&'static str, &'static str) {
    loop {
        let (code, flags, text) = pick(dice, words::URGENT);
        if fits(flags, place, wet) {
            return (code, text);
        }
    }
}

/// Builds the report: an opening, the incident, details of the field and of any report until
/// a length drawn between 200 and 800 characters (most near 300–450), the request and a
/// closing. Never more than 800 characters, never fewer than 200.
#[allow(clippy::too_many_arguments)]
fn compose(
    dice: &mut Dice,
    field: &Field,
    urgent: bool,
    incident: &str,
    place: &Place,
    wet: bool,
    slots: &Slots,
    out: &mut String,
) {
    // An emergency is told in a few lines; the rest at length.
    let target = if urgent {
        200 + below(dice, 120)
    } else {
        200 + (600.0 * unit(dice).min(unit(dice))) as usize
    };
    let opener = pick(dice, words::OPENERS);
    fill(opener, slots, out);
    let mut body = String::with_capacity(200);
    fill(incident, slots, &mut body);
    // "lộ bê tông ấp X đoạn qua ấp X": the road already names the place.
    if slots.road.contains(slots.place.as_str()) {
        for joint in [" đoạn qua ", " đoạn "] {
            for road in [slots.road.to_string(), capitalised(&slots.road)] {
                body = body.replace(&format!("{road}{joint}{}", slots.place), &road);
            }
        }
    }
    out.push_str(&body);
    // An emergency's text already ends with its request.
    let mut ending = String::new();
    if !urgent {
        ending.push(' ');
        ending.push_str(pick(dice, words::REQUESTS));
    }
    ending.push_str(pick(dice, words::CLOSINGS));
    let mut length = out.chars().count() + ending.chars().count();

    // Details, in random order, each at most once.
    let (details, generic) = if urgent {
        (&[][..], words::URGENT_DETAILS)
    } else {
        (field.details, words::GENERIC)
    };
    let all = details.len() + generic.len();
    let mut used = vec![false; all];
    let mut sentence = String::with_capacity(200);
    let mut tries = 0;
    while length < target.max(200) && tries < 4 * all {
        tries += 1;
        let i = below(dice, all);
        let (flags, text) = if i < details.len() {
            details[i]
        } else {
            generic[i - details.len()]
        };
        if used[i] || !fits(flags, place, wet) {
            continue;
        }
        used[i] = true;
        sentence.clear();
        sentence.push(' ');
        fill(text, slots, &mut sentence);
        let more = sentence.chars().count();
        if length + more <= 800 && (length < 200 || length + more <= target + 40) {
            out.push_str(&sentence);
            length += more;
        }
    }
    out.push_str(&ending);
}

/// Fills the {slots} of `template` into `out`.
fn fill(template: &str, slots: &Slots, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("slots are closed");
        let name = &rest[open + 1..close];
        let capital = name.starts_with(|c: char| c.is_ascii_uppercase());
        let lower = name.to_ascii_lowercase();
        let value = slots.get(&lower);
        if capital {
            out.push_str(&capitalised(&value));
        } else {
            out.push_str(&value);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Phường An Xuyên" → "phường An Xuyên", for running text.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where in the commune: khóm or ấp, a road, a landmark, a waterway, an address.
struct Place {
    town: bool,
    coast: bool,
    place: String,
    road: Cow<'static, str>,
    street2: Cow<'static, str>,
    near: &'static str,
    canal: Cow<'static, str>,
    address: String,
}

impl Place {
    fn new(dice: &mut Dice, commune: &Commune, hamlets: &[&'static str; 5]) -> Place {
        let hamlet = pick(dice, hamlets);
        let khom = 1 + below(dice, 12);
        let town = commune.kind == Kind::Ward || (commune.kind == Kind::Town && chance(dice, 0.5));
        let (place, near) = if town {
            (format!("khóm {khom}"), pick(dice, words::TOWN_LANDMARKS))
        } else {
            (format!("ấp {hamlet}"), pick(dice, words::COUNTRY_LANDMARKS))
        };
        let road: Cow<'static, str> =
            if !commune.roads.is_empty() && (commune.kind == Kind::Ward || chance(dice, 0.6)) {
                Cow::Borrowed(pick(dice, commune.roads))
            } else if town {
                Cow::Owned(match below(dice, 2) {
                    0 => format!("tuyến đường nội ô {place}"),
                    _ => format!("hẻm chính {place}"),
                })
            } else {
                Cow::Owned(match below(dice, 3) {
                    0 => format!("lộ bê tông ấp {hamlet}"),
                    1 => format!("tuyến lộ ấp {hamlet}"),
                    _ => format!("đường liên ấp {hamlet}"),
                })
            };
        let others: Vec<&'static str> = commune
            .roads
            .iter()
            .copied()
            .filter(|r| *r != road)
            .collect();
        let street2 = if others.is_empty() {
            Cow::Owned(format!("đường vào ấp {hamlet}"))
        } else {
            Cow::Borrowed(pick(dice, &others))
        };
        let watery = ["Kinh", "Rạch", "Xẻo", "Vàm", "Mương", "Lung", "Bờ"];
        let canal = if !watery.iter().any(|w| hamlet.starts_with(w)) && chance(dice, 0.25) {
            Cow::Owned(format!("kênh {hamlet}"))
        } else {
            Cow::Borrowed(pick(dice, commune.canals))
        };
        let number = 1 + below(dice, 320);
        let form = unit(dice);
        let mut address = if town {
            let road_cap = capitalised(&road);
            if road.starts_with("đường") && form < 0.45 {
                format!("Số {number} {road}, {place}")
            } else if road.starts_with("đường") && form < 0.6 {
                format!("Hẻm {} {road}, {place}", 1 + below(dice, 60))
            } else if form < 0.8 {
                if road.contains(place.as_str()) {
                    format!("{road_cap}, {near}")
                } else {
                    format!("{road_cap}, {near}, {place}")
                }
            } else if road.contains(place.as_str()) {
                format!("Số {number} {road}")
            } else {
                format!("Số {number}/{} {road}, {place}", 1 + below(dice, 40))
            }
        } else if form < 0.4 {
            format!("Ấp {hamlet}, {near}")
        } else if form < 0.75 {
            if road.contains(hamlet) {
                capitalised(&road)
            } else {
                format!("{}, ấp {hamlet}", capitalised(&road))
            }
        } else {
            format!("Số {number}, ấp {hamlet}")
        };
        if chance(dice, 0.25) {
            address.push_str(", ");
            address.push_str(&lowercase_first(commune.name));
        }
        Place {
            town,
            coast: commune.sea == Sea::Coast,
            place,
            road,
            street2,
            near,
            canal,
            address,
        }
    }
}

/// The values of the slots for one report.
struct Slots {
    road: String,
    street2: String,
    near: &'static str,
    place: String,
    area: String,
    canal: String,
    commune: String,
    short: &'static str,
    hospital: &'static str,
    market: String,
    school: String,
    since: &'static str,
    when: &'static str,
    numbers: [usize; 5],
}

impl Slots {
    fn new(dice: &mut Dice, commune: &Commune, place: &Place) -> Slots {
        let lower = lowercase_first(commune.name);
        let short = commune
            .name
            .split_once(' ')
            .map_or(commune.name, |(_, s)| s);
        let hospital = pick(
            dice,
            if commune.bac_lieu() {
                words::HOSPITALS_BAC_LIEU
            } else {
                words::HOSPITALS_CA_MAU
            },
        );
        Slots {
            road: place.road.to_string(),
            street2: place.street2.to_string(),
            near: place.near,
            area: format!("{}, {lower}", place.place),
            place: place.place.clone(),
            canal: place.canal.to_string(),
            commune: lower,
            short,
            hospital,
            market: format!("chợ {short}"),
            school: format!("{} {short}", pick(dice, words::SCHOOLS)),
            since: pick(dice, words::SINCE),
            when: pick(dice, words::WHEN),
            numbers: [
                2 + below(dice, 8),
                2 + below(dice, 8),
                2 + below(dice, 4),
                5 + below(dice, 6),
                12 + below(dice, 69),
            ],
        }
    }

    fn get(&self, name: &str) -> Cow<'_, str> {
        let number = |i: usize| Cow::Owned(self.numbers[i].to_string());
        match name {
            "road" => Cow::Borrowed(&self.road),
            "street2" => Cow::Borrowed(&self.street2),
            "near" => Cow::Borrowed(self.near),
            "place" => Cow::Borrowed(&self.place),
            "area" => Cow::Borrowed(&self.area),
            "canal" => Cow::Borrowed(&self.canal),
            "commune" => Cow::Borrowed(&self.commune),
            "short" => Cow::Borrowed(self.short),
            "hospital" => Cow::Borrowed(self.hospital),
            "market" => Cow::Borrowed(&self.market),
            "school" => Cow::Borrowed(&self.school),
            "since" => Cow::Borrowed(self.since),
            "when" => Cow::Borrowed(self.when),
            "n" => number(0),
            "m" => number(1),
            "k" => number(2),
            "h" => number(3),
            "nn" => number(4),
            other => panic!("unknown slot {{{other}}}"),
        }
    }
}

/// A point in the commune: its centre and a jitter the size of the place, inside the
/// province.
fn point(dice: &mut Dice, commune: &Commune) -> (f64, f64) {
    let spread = match commune.kind {
        Kind::Ward => 0.015,
        Kind::Town => 0.02,
        Kind::Rural => 0.03,
    };
    let (south, north, west, east) = PROVINCE;
    let latitude = commune.latitude + (unit(dice) * 2.0 - 1.0) * spread;
    let longitude = commune.longitude + (unit(dice) * 2.0 - 1.0) * spread;
    (latitude.clamp(south, north), longitude.clamp(west, east))
}

fn occurred_text(dice: &mut Dice, at: &Timestamp) -> String {
    match below(dice, 50) {
        0 => at.format("%d/%m/%Y %H:%M").to_string(),
        1 => at.format("%Y-%m-%d %H:%M:%S").to_string(),
        _ => time::format(at),
    }
}

/// One to three photos or videos (most reports have one), as the app stores them.
fn media(dice: &mut Dice, at: &Timestamp) -> String {
    let n = match below(dice, 100) {
        0..=54 => 1,
        55..=84 => 2,
        _ => 3,
    };
    let separator = if chance(dice, 0.05) { " " } else { "|" };
    (0..n)
        .map(|_| {
            let extension = match below(dice, 100) {
                0..=79 => "jpg",
                80..=91 => "mp4",
                92..=95 => "jpeg",
                _ => "png",
            };
            format!(
                "https://camau-g.camau.gov.vn/media/{:04}/{:02}/{:016x}.{extension}",
                at.year(),
                at.month(),
                dice.roll()
            )
        })
        .collect::<Vec<_>>()
        .join(separator)
}

fn boolean(dice: &mut Dice, value: bool) -> &'static str {
    match (below(dice, 100), value) {
        (0..=79, true) => "1",
        (0..=79, false) => "0",
        (80..=91, true) => "true",
        (80..=91, false) => "false",
        (_, true) => "có",
        (_, false) => "không",
    }
}

fn person(dice: &mut Dice, bac_lieu: bool) -> Person {
    let surname = pick(dice, words::SURNAMES);
    let name = if chance(dice, 0.5) {
        format!(
            "{surname} {} {}",
            pick(dice, words::MIDDLE_FEMALE),
            pick(dice, words::GIVEN_FEMALE)
        )
    } else {
        format!(
            "{surname} {} {}",
            pick(dice, words::MIDDLE_MALE),
            pick(dice, words::GIVEN_MALE)
        )
    };
    let digits = |dice: &mut Dice, n: usize| -> String {
        (0..n)
            .map(|_| char::from(b'0' + below(dice, 10) as u8))
            .collect()
    };
    if chance(dice, 0.07) {
        // A fixed line: 0290 (Cà Mau) or 0291 (Bạc Liêu), 3 then seven digits.
        let area = if bac_lieu { "0291" } else { "0290" };
        let phone = format!("{area}3{}", digits(dice, 6));
        return Person {
            name,
            phone,
            fixed_line: true,
        };
    }
    let phone = format!("{}{}", pick(dice, words::MOBILE_PREFIXES), digits(dice, 7));
    Person {
        name,
        phone,
        fixed_line: false,
    }
}

/// A phone number the way people type it: plain, grouped with spaces, dots or dashes, with
/// +84 or 84 for the leading 0.
fn phone_text(dice: &mut Dice, person: &Person) -> String {
    let n = person.phone.as_str();
    let r = below(dice, 100);
    if person.fixed_line {
        let (a, b, c) = (&n[..4], &n[4..8], &n[8..]);
        return match r {
            0..=44 => format!("{a} {b} {c}"),
            45..=69 => n.to_owned(),
            70..=84 => format!("{a}.{b}.{c}"),
            _ => format!("+84 {} {b} {c}", &a[1..]),
        };
    }
    match r {
        0..=44 => n.to_owned(),
        45..=56 => format!("{} {} {}", &n[..3], &n[3..6], &n[6..]),
        57..=66 => format!("{}.{}.{}", &n[..4], &n[4..7], &n[7..]),
        67..=74 => format!("{} {} {}", &n[..4], &n[4..7], &n[7..]),
        75..=78 => format!("{}-{}-{}", &n[..4], &n[4..7], &n[7..]),
        79..=87 => format!("+84{}", &n[1..]),
        88..=94 => format!("84 {} {} {}", &n[1..4], &n[4..7], &n[7..]),
        _ => format!("+84 {} {} {}", &n[1..4], &n[4..7], &n[7..]),
    }
}

/// The columns of a row broken the `kind` way (MALFORMED), as bytes.
fn break_row(kind: usize, dice: &mut Dice, row: &Row) -> Vec<Vec<u8>> {
    let mut columns: Vec<Vec<u8>> = row.columns.iter().map(|c| c.as_bytes().to_vec()).collect();
    match MALFORMED[kind] {
        "submitted_at" => {
            let bad = pick(
                dice,
                &["32/13/2026 25:00", "hôm qua", "2026-02-30T10:00:00+07:00"],
            );
            columns[SUBMITTED_AT] = bad.as_bytes().to_vec();
        }
        "occurred_at" => {
            let bad = pick(dice, &["sáng nay", "25:61 hôm kia", "2026-13-01 08:00"]);
            columns[OCCURRED_AT] = bad.as_bytes().to_vec();
        }
        "field_count" => {
            if chance(dice, 0.5) {
                // An export that lost its last column.
                columns.pop();
            } else {
                // Unquoted commas in the content: more fields than the header.
                let content = row.columns[CONTENT].replace('"', "");
                let pieces: Vec<Vec<u8>> = content
                    .splitn(3, ", ")
                    .map(|p| p.as_bytes().to_vec())
                    .collect();
                let pieces = if pieces.len() < 2 {
                    vec![
                        "Nhà".as_bytes().to_vec(),
                        "cửa".as_bytes().to_vec(),
                        content.into_bytes(),
                    ]
                } else {
                    pieces
                };
                columns.splice(CONTENT..=CONTENT, pieces);
            }
        }
        "boolean" => {
            let (column, bad) = pick(
                dice,
                &[(URGENT, "gấp"), (CONSENT, "đồng ý"), (CONFIDENTIAL, "x")],
            );
            columns[column] = bad.as_bytes().to_vec();
        }
        "number" => {
            let bad = pick(dice, &["9°10'N", "chín", "9.17.5"]);
            columns[LATITUDE] = bad.as_bytes().to_vec();
        }
        "utf8" => {
            // The name in Latin-1 ("Nguyên Vãn Thành"), as an old export tool writes it.
            columns[NAME] = b"Nguy\xean V\xe3n Th\xe0nh".to_vec();
        }
        _ => columns[EXTERNAL_ID].clear(),
    }
    columns
}

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

/// Creates `db` with the example cast and plays the reports of `csv` through the workflow
/// until `until`, then prints what it holds.
fn history(
    csv: &Path,
    db: &Path,
    until: Timestamp,
    open_from: Option<u64>,
    count: u64,
) -> Result<()> {
    let started = Instant::now();
    let open = || -> Result<_> {
        let file = File::open(csv).with_context(|| format!("opening {}", csv.display()))?;
        play::Arrivals::new(BufReader::with_capacity(1 << 20, file))
    };
    // The accounts exist from the first day played.
    let first = open()?
        .find_map(|a| a.ok().and_then(|a| a.submitted))
        .context("the reports file has no readable submission time")?;
    let mut ctx = phananh::app::Context {
        db: Some(db.to_path_buf()),
        user: None,
        now: time::start_of_day(first.date_naive()),
        format: phananh::output::Format::Table,
        lang: phananh::i18n::Lang::Vi,
        login: phananh::app::login::caller(db),
        pinned: true,
        // The database's path plus `.key`, made with it.
        key_file: None,
        csv: None,
        scratch: false,
        command: String::new(),
    };
    // SQLite's default page cache (2 MB) is enough: the reports in flight are the newest
    // rows, at the end of every index (256 MB of cache ran no faster and kept 250 MB more).
    let conn = play::create(db, &ctx, false)?;
    let options = play::Options {
        end: until,
        open_from,
        source: csv.display().to_string(),
        // Hundreds of reports a day: most pairs on a field in a commune are distinct.
        duplicate_percent: 4,
    };
    let bar = phananh::output::progress(count, "gen --history", ctx.lang);
    let played = play::play(&conn, &mut ctx, open()?, &options, &mut |i| {
        if i % 1_000 == 0 {
            bar.set_position(i);
        }
    })?;
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let steps: u64 = played.actions.values().sum();
    let actions = played
        .actions
        .iter()
        .map(|(a, n)| format!("{a} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!(
        "gen: history in {}: {steps} steps in {seconds:.1} s ({:.0} steps/s)",
        db.display(),
        steps as f64 / seconds.max(1e-9)
    );
    eprintln!("gen: steps: {actions}");
    let statuses = summary(
        &conn,
        "SELECT status, count(*) FROM reports GROUP BY status ORDER BY status",
    )?;
    eprintln!("gen: reports by status: {statuses}");
    // Counted on the indexes: a GROUP BY over millions of clocks would sort them in memory.
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let open = count("SELECT count(*) FROM clocks WHERE stopped_at IS NULL")?;
    let all = count("SELECT count(*) FROM clocks")?;
    eprintln!("gen: clocks: open {open}, stopped {}", all - open);
    Ok(())
}

fn summary(conn: &rusqlite::Connection, sql: &str) -> Result<String> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{} {}",
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?
        ))
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?.join(", "))
}
