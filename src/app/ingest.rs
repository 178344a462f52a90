//! Ingest as a use case: loads the app's exports (docs/rules.md §6) — CSV, JSON Lines, a
//! JSON array, or an Open311 GeoReport v2 `requests.json` response — streaming, through the
//! bulk writer (`storage::bulk`, `Policy::INGEST`) with prepared statements, so memory stays
//! flat however big the file. A file is read, parsed and checked on a second thread
//! (`app::pipeline`) while this one stores and seals. Malformed records are skipped and
//! listed with file, line (where the record starts, in every format) and reason; the rest of the file still loads
//! (docs/rules.md §1). What would lose or mislead is refused before anything is stored: a
//! run's unreadable files, a file in a legacy Vietnamese encoding, a CSV header (or a JSON
//! file's records, none carrying a key) that would decide every report's reception check
//! (docs/rules.md §6), an `--errors` file over an existing one. A CSV's rows Excel left empty are skipped and counted, not faults. A record
//! whose phone a spreadsheet spoiled (its leading 0 lost, or written as an exponent) is set
//! aside for the original file, counted and listed by line. A record under an id already stored is compared with
//! the stored report: a conflict is said, never dropped.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget};
use rusqlite::Connection;
use serde::Serialize;

use crate::app::Context;
use crate::app::bounded::{self, Element, Next};
use crate::app::deadlines::Deadlines;
use crate::app::pipeline::{self, Emit, Shape};
use crate::app::vault::Sealer;
use crate::domain::event::EventKind;
use crate::domain::intake::{Column, RawRecord, Shift, parse_record};
use crate::domain::open311::{self, ServiceMap};
use crate::domain::report::{PendingDigest, Report, Status};
use crate::domain::routing::Communes;
use crate::domain::validate::{
    LanguageThresholds, SpreadsheetDamage, is_blank, spreadsheet_damage,
};
use crate::domain::workflow;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::ingest as say;
pub use crate::output::ingest::{FileSummary, InputFormat, MalformedRow, reason_label};
use crate::storage::bulk::{Bulk, Policy};
use crate::storage::journal::{Entry, Journal, Sealed};
use crate::storage::reports;

/// Malformed records kept for the JSON summary; beyond this they are only counted (and
/// written to the `--errors` file), so memory stays flat.
const MALFORMED_KEPT: usize = 1_000;

/// Malformed records (and warnings) of a file printed one by one on stderr; the rest are
/// counted by reason (a file of 436 bad lines is one fault repeated, not 436 messages).
pub const SHOWN: u64 = 10;

/// Where `ingest --errors FILE` writes every malformed record: file, line, reason, message,
/// record.
pub type ErrorsFile = crate::output::SafeCsv<std::io::BufWriter<File>>;

/// The header of the `--errors` file.
/// `record`, last so that the columns before it keep their places, is a JSON array's record
/// number (empty for the other formats).
pub const ERRORS_HEADER: [&str; 5] = ["file", "line", "reason", "message", "record"];

/// Wraps the file to count bytes read (for the progress bar, drawn by the storing thread).
struct Counting<R> {
    inner: R,
    bytes: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Why a record was not stored: a short code for the kind of fault (counted in a file's
/// summary) and what to say about this one.
#[derive(Debug, Clone)]
pub struct Bad {
    pub code: &'static str,
    pub text: Localized,
}

impl Bad {
    fn new(code: &'static str, text: Localized) -> Bad {
        Bad { code, text }
    }
}

/// One record read from a file: where it was, and the report or why not.
struct Item {
    line: u64,
    /// The record's number (1-based) in a JSON array, whose one line may hold them all.
    record: Option<u64>,
    report: Result<Report, Bad>,
}

/// A record made ready away from the database: read, parsed, its digest written and, with
/// `--validate`, checked. Everything here is pure work, so it can run on the reading thread.
struct Prepared {
    line: u64,
    record: Option<u64>,
    report: Result<Ready, Bad>,
}

/// A well-formed report, ready to be stored and sealed.
struct Ready {
    /// The row to store: the report as it arrived, or as the reception check leaves it.
    row: Report,
    /// The status it arrived in and the digest it had then, which the `ingest` event seals.
    arrived: (Status, PendingDigest),
    /// With `--validate`: the check and the digest of `row`, or why the check could not
    /// apply. The report as it arrived is dropped on the reading thread, which built it:
    /// freeing it on the storing thread, the bound of a load, showed.
    check: Option<Result<(crate::app::validate::Check, PendingDigest), Localized>>,
    /// With `--validate`, for a report the check accepts: what its content, public from
    /// then on, gives away (`open311::exposure_once_accepted`), looked for by [`look`]
    /// after the check. Boxed: nearly every report has none, and every one is handed over.
    exposed: Option<Box<open311::Exposure>>,
}

/// Prepares one record. `next_id` is the id the next well-formed report will likely be
/// stored under, if the reports before it are all new (see `PendingDigest::guessing`).
fn prepare(
    item: Item,
    now: (crate::domain::time::Timestamp, &'static str),
    thresholds: Option<&LanguageThresholds>,
    identity_optional: bool,
    next_id: &mut i64,
    sealer: &mut Sealer,
) -> Prepared {
    // An impossible submission time is malformed, not stored (docs/rules.md §6).
    let item = Item {
        line: item.line,
        record: item.record,
        report: item.report.and_then(|report| {
            crate::domain::intake::check_submission(report.submitted_at, now.0, now.1)
                .map_err(malformed)
                .map(|()| report)
        }),
    };
    let likely_id = *next_id;
    if item.report.is_ok() {
        *next_id = next_id.saturating_add(1);
    }
    let report = item.report.map(|mut report| {
        // Sealed before anything is digested: the log seals the identity as stored, never
        // in clear. The check below still reads it in clear, in memory.
        sealer.seal(&mut report);
        let Some(thresholds) = thresholds else {
            let digest = PendingDigest::guessing(&report, likely_id);
            return Ready {
                arrived: (report.status, digest),
                row: report,
                check: None,
                exposed: None,
            };
        };
        let check = crate::app::validate::check(&report, thresholds, identity_optional);
        match workflow::apply(&report, &check.action) {
            Ok(checked) => {
                let (digest, checked_digest) =
                    PendingDigest::guessing_both(&report, &checked, likely_id);
                Ready {
                    // Looked for apart ([`look`]), on a thread of its own when there is one.
                    exposed: None,
                    row: checked,
                    arrived: (report.status, digest),
                    check: Some(Ok((check, checked_digest))),
                }
            }
            Err(e) => Ready {
                check: Some(Err(crate::app::workflow::transition_error(&report, &e))),
                arrived: (report.status, PendingDigest::guessing(&report, likely_id)),
                row: report,
                exposed: None,
            },
        }
    });
    Prepared {
        line: item.line,
        record: item.record,
        report,
    }
}

/// With `--validate`, what the content of a report the check accepts gives away from then
/// on (`open311::exposure_once_accepted`): a third of the preparing thread's work when it
/// was part of [`prepare`], so a load's third thread takes it ([`pipeline::staged`]).
fn look(mut prepared: Prepared) -> Prepared {
    if let Ok(ready) = &mut prepared.report
        && matches!(ready.check, Some(Ok(_)))
    {
        ready.exposed = open311::exposure_once_accepted(&ready.row).map(Box::new);
    }
    prepared
}

/// What an `ingest` event records: where the report came from, and when it was sent. Written
/// from a struct in the stored key order (the chain seals the text), without a JSON map per
/// report.
#[derive(Serialize)]
struct Arrival<'f> {
    file: &'f str,
    line: u64,
    /// `open311` for a request another system received: such a report may lack the
    /// reporter's identity (`validate.open311_identity`). Absent for the app's own files, so
    /// their payloads read as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'static str>,
    /// The submission time as stored (`domain::time::format`): the period a report is
    /// counted in is chosen by it, and the row's copy can be edited with `sqlite3`; the
    /// chain seals this one, which `report` and `score` look up by the index migration 11
    /// keeps (`storage::periodic::for_each_moved_out`, docs/rules.md §5).
    submitted_at: &'f str,
}

impl Arrival<'_> {
    fn payload(&self) -> String {
        serde_json::to_string(self).expect("an arrival always serialises")
    }
}

/// The file being read, in whichever format, with what reading it needs.
struct Source<'n, R> {
    reader: BufReader<Counting<R>>,
    format: InputFormat,
    name: &'n str,
    lang: Lang,
    /// The CSV's blank rows skipped, counted on the reading thread for the summary.
    blank_rows: Arc<AtomicU64>,
    /// The operator's service codes, read before reading starts (`--input-format open311`).
    open311: Option<Open311Reader<'n>>,
    /// A JSON file read from a pipe, which `check_files` could not scan for the keys the
    /// reception check needs: its records are held at the `Gate` until they are seen.
    gated: bool,
}

impl<R: Read> Source<'_, R> {
    /// Reads every record, handing each to `sink` in file order.
    fn read(self, sink: &mut Sink<'_>) -> Result<()> {
        let Source {
            mut reader,
            format,
            name,
            lang,
            blank_rows,
            open311,
            gated,
        } = self;
        skip_bom(&mut reader)?;
        // A pipe is judged here, on what its first read gave (`check_files` judged a file):
        // before any record of it is stored.
        if let Some(kind) = crate::domain::file_kind::legacy(reader.fill_buf()?) {
            bail!(say::legacy_encoding(Path::new(name), kind, format));
        }
        if format == InputFormat::Csv {
            return read_csv(reader, name, lang, &blank_rows, sink);
        }
        let gate = (gated && format != InputFormat::Open311).then(|| {
            RefCell::new(Gate {
                judge: KeyJudge::new(),
                held: Vec::new(),
                open: false,
            })
        });
        let mut unknown = BTreeSet::new();
        let mut services = open311;
        let mut convert = |value: &serde_json::Value| {
            if let Some(gate) = &gate {
                gate.borrow_mut().judge.judge(value);
            }
            match services.as_mut() {
                Some(services) => services.report(value),
                None => json_report(value, name, lang, &mut unknown),
            }
        };
        let mut passing = |item: Item| match &gate {
            Some(gate) => gate.borrow_mut().pass(item, name, sink),
            None => sink(item),
        };
        if format == InputFormat::Jsonl {
            read_jsonl(reader, &mut passing, &mut convert)?;
        } else if read_json_array(reader, &mut passing, &mut convert)? {
            warn(name, say::trailing_comma_in_array().text(lang));
        }
        match gate {
            Some(gate) => gate.into_inner().end(name, sink),
            None => Ok(()),
        }
    }
}

/// Records handed from the reading thread to the storing thread at a time, and how many such
/// chunks may wait: enough to keep both busy, little enough that memory stays flat (a few MB;
/// 16 chunks waiting were no faster and took twice the memory).
const CHUNK: usize = 256;

const HANDOVER: Shape = Shape {
    chunk: CHUNK,
    waiting: 4,
    // 256 ordinary reports weigh less (some 3.5 KiB each, with their digests' JSON); the
    // longest contents hand over a few at a time.
    bytes: 1 << 20,
};

/// Records handed from the reading thread to the one that looks at what their contents give
/// away ([`look`]): four chunks waiting, as to the storing thread, each closed at half a MiB
/// (some 150 ordinary records). The three threads share two cores, and a deeper queue lets
/// each run longer before it waits: one chunk of 256 waiting took 5.29–5.36 s of 200,000
/// sorted records, four of half a MiB 5.12–5.13 s, for 2 MB more at the peak (bench/HISTORY.md,
/// 2026-12-07, "The look's queue four chunks deep").
const TO_LOOK: Shape = Shape {
    chunk: CHUNK,
    waiting: 4,
    bytes: 512 << 10,
};

impl pipeline::Weighed for Prepared {
    fn weight(&self) -> usize {
        match &self.report {
            Ok(ready) => {
                ready.row.text_bytes()
                    + ready.arrived.1.held_bytes()
                    + match &ready.check {
                        Some(Ok((_, digest))) => digest.held_bytes(),
                        _ => 0,
                    }
            }
            Err(bad) => bad.code.len(),
        }
    }
}

fn malformed(e: crate::domain::intake::Malformed) -> Bad {
    Bad::new(e.code(), Localized::of(&e))
}

/// How a load is done.
#[derive(Debug, Clone, Copy)]
pub struct Load<'a> {
    /// The account the events are written under.
    pub actor: &'a str,
    /// Print malformed records to stderr as they come and show the progress bar.
    pub interactive: bool,
    /// Run the reception check on each new report (`ingest --validate`).
    pub validate: bool,
    /// Where every malformed record is written (`ingest --errors FILE`).
    pub errors: Option<&'a RefCell<ErrorsFile>>,
}

/// Creates the `--errors` file: new, private (mode 0600, never through a symbolic link:
/// `storage::private`, SECURITY.md), since its messages quote what the file said, and never
/// over one of the files to be read — it would be emptied before it was read. Called
/// before any input is read.
pub fn errors_file(
    path: &Path,
    inputs: &[PathBuf],
    rule: &crate::storage::private::Overwrite,
    lang: crate::i18n::Lang,
) -> Result<RefCell<ErrorsFile>> {
    use std::os::unix::fs::MetadataExt as _;
    let same =
        |a: &std::fs::Metadata, b: &std::fs::Metadata| (a.dev(), a.ino()) == (b.dev(), b.ino());
    let is_input = std::fs::metadata(path).is_ok_and(|errors| {
        inputs
            .iter()
            .any(|input| std::fs::metadata(input).is_ok_and(|m| same(&errors, &m)))
    });
    if is_input {
        bail!(say::errors_file_is_an_input(path));
    }
    // Nor a side file of the database or a key file that is not there at the moment.
    if let Err(e) = crate::storage::private::may_write(path, rule) {
        use crate::storage::private::Refused;
        match e.downcast_ref::<Refused>() {
            Some(Refused::OutExists(_) | Refused::OutExistsForAnother(_)) => {
                bail!(say::errors_file_exists(path))
            }
            _ => return Err(e),
        }
    }
    let file = crate::storage::private::create_or_say(path)?;
    let mut writer = crate::output::SafeCsv::new(std::io::BufWriter::new(file));
    writer.record(crate::output::ingest::errors_header(&ERRORS_HEADER, lang))?;
    Ok(RefCell::new(writer))
}

/// A file of an `ingest` run that cannot be loaded at all.
#[derive(Debug)]
pub struct Unusable {
    pub file: String,
    /// The line at fault: 1 for the header, 0 for the whole file.
    pub line: u64,
    pub code: &'static str,
    pub text: Localized,
}

/// The input files that their group or every other account may read, with their mode:
/// the app's export holds every name and phone in clear, a copy of identities the database
/// encrypts (docs/huong-dan.md §10). Said, not refused: the file is the app's, and an
/// operator's folder may rightly be a group's.
pub fn readable_by_others(files: &[PathBuf]) -> Vec<(PathBuf, u32)> {
    files
        .iter()
        .filter_map(|path| {
            crate::storage::private::readable_by_others(path).map(|mode| (path.clone(), mode))
        })
        .collect()
}

/// Checks, before anything is stored, that every file of a run can be opened, has a known
/// format and, for CSV, a usable header (`read_header`): a run refused at its third file
/// after storing the first two left the operator to find out which were loaded. Returns
/// each file's format, or every file that cannot be loaded.
pub fn check_files(
    files: &[PathBuf],
    format: Option<InputFormat>,
    rule: &crate::storage::private::Input,
) -> Result<Vec<InputFormat>, Vec<Unusable>> {
    let mut formats = Vec::with_capacity(files.len());
    let mut unusable = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let mut refuse = |line, code, text| {
            unusable.push(Unusable {
                file: name.clone(),
                line,
                code,
                text,
            })
        };
        // Said for what they are before their names are judged: `-` and a folder would be
        // sent to --input-format, then to the system's English words; a workbook renamed
        // .csv would be told its header is not UTF-8.
        if path.as_os_str() == "-" || path.is_dir() {
            refuse(0, "not_a_file", say::not_a_file(path));
            continue;
        }
        // A regular file is opened once, as input (`storage::private::open_input`: never
        // the database, a key, or through sudo a file the person could not read), and read
        // from that opening only; a pipe, read once as it loads, is judged by its name here
        // and opened as input when it loads (`ingest_file`).
        let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
        let opened = if regular {
            crate::storage::private::open_input(path, rule).map(Some)
        } else {
            crate::storage::private::judge_named(path, rule).map(|()| None)
        };
        let mut opened = match opened {
            Ok(opened) => opened,
            Err(refused) => {
                refuse(0, "not_read", Localized::of(&refused));
                continue;
            }
        };
        // A regular file's first bytes, read once for both judgements below; none for a
        // pipe (read once, as it loads) or a file that cannot be read (which the checks
        // after them name).
        let head = opened
            .as_ref()
            .and_then(|file| file.as_ref().ok())
            .and_then(|file| first_bytes(file, crate::domain::file_kind::LEGACY_SNIFF));
        let head = head.as_deref();
        if let Some(kind) = head.and_then(crate::domain::file_kind::foreign) {
            // Its advice depends on what the file should be: Excel's Save As makes a CSV.
            let format = format.or_else(|| InputFormat::detect(path));
            refuse(0, "foreign_file", say::foreign_file(path, kind, format));
            continue;
        }
        let Some(format) = format.or_else(|| InputFormat::detect(path)) else {
            refuse(0, "unknown_format", say::unknown_format(path));
            continue;
        };
        formats.push(format);
        // A pipe (`/dev/stdin`, a FIFO) can be read only once: it is checked as it loads.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            continue;
        }
        // Once for the file, not once per record: every record of it is in that encoding.
        if let Some(kind) = head.and_then(crate::domain::file_kind::legacy) {
            refuse(
                0,
                "legacy_encoding",
                say::legacy_encoding(path, kind, format),
            );
            continue;
        }
        // Not opened above when it was missing then: opened now, as input all the same.
        let opened = match opened.take() {
            Some(opened) => Ok(opened),
            None => crate::storage::private::open_input(path, rule),
        };
        let file = match opened {
            Ok(Ok(file)) => file,
            Ok(Err(e)) => {
                refuse(0, "cannot_open", say::cannot_open(path, &e));
                continue;
            }
            Err(refused) => {
                refuse(0, "not_read", Localized::of(&refused));
                continue;
            }
        };
        let mut reader = BufReader::with_capacity(1 << 16, file);
        // A file that cannot be read is named by the checks that follow.
        let _ = skip_bom(&mut reader);
        if format == InputFormat::Csv {
            if let Err(text) = read_header(reader, &name) {
                refuse(1, "bad_header", text);
            }
        } else if format != InputFormat::Open311
            && let Some(names) = keys_never_carried(reader, format)
        {
            refuse(0, "missing_keys", say::deciding_keys_missing(&name, &names));
        }
    }
    if unusable.is_empty() {
        Ok(formats)
    } else {
        Err(unusable)
    }
}

/// What a record of the app's JSON must carry for the reception check to judge it, as
/// `DECIDING` and `has_place` say it of a CSV header: for each need, its name in the
/// refusal and the sets of keys that meet it (any one set, each key of it). Not asked of an
/// Open311 file: its `requested_datetime` is the event's time and required of every record,
/// and the rest are optional in the standard, which another system's feed cannot be
/// exported again to add (docs/rules.md §6).
fn json_needs() -> Vec<(&'static str, Vec<Vec<&'static str>>)> {
    let mut needs: Vec<(&'static str, Vec<Vec<&'static str>>)> = DECIDING
        .into_iter()
        .map(|c| (c.name(), vec![vec![c.name()]]))
        .collect();
    let place = [Column::Address, Column::Commune].map(|c| vec![c.name()]);
    let coordinates = vec![Column::Latitude.name(), Column::Longitude.name()];
    needs.push((
        "address|commune|latitude+longitude",
        place.into_iter().chain([coordinates]).collect(),
    ));
    needs
}

/// Which of a JSON file's needs (`json_needs`) its records have met so far.
///
/// Rules.md reads an absent key as the empty value, record by record, as serializers leave
/// out an empty field; but a key absent from every record is the export's fault (a release
/// of the app whose serializer drops it), and would have each report rejected for good by
/// the reception check (Đ6), which reloading the fixed file cannot mend: such a file is
/// refused before anything of it is stored, as a CSV header without the column is. A key
/// present with `null` passes, as an empty column does.
struct KeyJudge {
    needs: Vec<(&'static str, Vec<Vec<&'static str>>)>,
    met: Vec<bool>,
    /// The records judged: those that would be stored.
    records: u64,
}

impl KeyJudge {
    fn new() -> KeyJudge {
        let needs = json_needs();
        KeyJudge {
            met: vec![false; needs.len()],
            needs,
            records: 0,
        }
    }

    /// Judges one record; true once every need is met.
    fn judge(&mut self, value: &serde_json::Value) -> bool {
        let serde_json::Value::Object(object) = value else {
            return self.all_met();
        };
        // A key as `Column::parse` reads it.
        let carries = |key: &str| object.keys().any(|k| k.trim() == key);
        // Only a record that would be stored proves anything of the file: one without the
        // id or the submission time is malformed, and one with a misspelt key is refused
        // for it (`json_report`), which says more than this would.
        let misspelt = object.keys().any(|key| {
            let folded = key.trim().to_ascii_lowercase();
            Column::parse(key).is_none()
                && Column::ALL.into_iter().any(|c| {
                    !object.contains_key(c.name())
                        && crate::domain::text::edit_distance(&folded, c.name()) <= 2
                })
        });
        if !carries(Column::ExternalId.name()) || !carries(Column::SubmittedAt.name()) || misspelt {
            return self.all_met();
        }
        self.records += 1;
        for (seen, (_, any_of)) in self.met.iter_mut().zip(&self.needs) {
            *seen = *seen || any_of.iter().any(|all| all.iter().all(|k| carries(k)));
        }
        self.all_met()
    }

    fn all_met(&self) -> bool {
        self.met.iter().all(|&m| m)
    }

    /// The needs no record judged has met, joined for the refusal; `None` when all are met
    /// or no record was judged (nothing of the file would be stored).
    fn missing(&self) -> Option<String> {
        let missing: Vec<&str> = self
            .needs
            .iter()
            .zip(&self.met)
            .filter(|(_, met)| !**met)
            .map(|((name, _), _)| *name)
            .collect();
        (self.records > 0 && !missing.is_empty()).then(|| missing.join(", "))
    }
}

/// The needs (`KeyJudge`) that no record of a JSON or JSON Lines file meets,
/// joined for the refusal. The scan stops once every need is met, on the first record of
/// a sound file; only a file that fails reads to its end (flat memory: bounded records, one
/// at a time). A broken array is judged on the records before the break, those a load
/// would store.
fn keys_never_carried(reader: impl BufRead, format: InputFormat) -> Option<String> {
    let mut judge = KeyJudge::new();
    let mut buf = Vec::new();
    if format == InputFormat::Jsonl {
        let mut lines = bounded::Lines::new(reader);
        loop {
            match lines.next(&mut buf) {
                Ok(Next::Record { .. }) => {
                    if serde_json::from_slice(&buf).is_ok_and(|value| judge.judge(&value)) {
                        break;
                    }
                }
                Ok(Next::TooLong { .. }) => {}
                Ok(Next::End) | Err(_) => break,
            }
        }
    } else {
        let mut array = bounded::ArrayElements::new(reader);
        loop {
            match array.next(&mut buf) {
                Ok(Element::Value { .. }) => match serde_json::from_slice(&buf) {
                    Ok(value) if judge.judge(&value) => break,
                    Ok(_) => {}
                    Err(_) => break,
                },
                Ok(Element::TooLong { .. }) => {}
                Ok(Element::End | Element::Broken { .. }) | Err(_) => break,
            }
        }
    }
    judge.missing()
}

/// How many records of a JSON file read from a pipe are held back until every need
/// (`KeyJudge`) is met: a pipe is read once, so `check_files` cannot scan it first. As many
/// as one chunk of the handover, so memory stays what a load's already is; a pipe none of
/// whose first `HELD` records meets a need is refused (one where only later records lack
/// a key is read as any file is, record by record).
const HELD: usize = CHUNK;

/// The records of a JSON pipe held back by the gate (`HELD`), and the judge.
struct Gate {
    judge: KeyJudge,
    held: Vec<Item>,
    open: bool,
}

impl Gate {
    /// Hands `item` on, or holds it while a need is unmet (as judged up to its record);
    /// refuses the pipe when `HELD` records did not meet them.
    fn pass(&mut self, item: Item, name: &str, sink: &mut Sink<'_>) -> Result<()> {
        if self.open {
            return sink(item);
        }
        self.held.push(item);
        if self.judge.all_met() {
            self.open = true;
            for item in self.held.drain(..) {
                sink(item)?;
            }
        } else if self.held.len() >= HELD {
            let names = self.judge.missing().unwrap_or_default();
            bail!(say::deciding_keys_missing_in_first(name, &names, HELD));
        }
        Ok(())
    }

    /// At the end of the pipe: what is held goes on, unless no record met a need.
    fn end(mut self, name: &str, sink: &mut Sink<'_>) -> Result<()> {
        if let Some(names) = self.judge.missing() {
            bail!(say::deciding_keys_missing(name, &names));
        }
        for item in self.held.drain(..) {
            sink(item)?;
        }
        Ok(())
    }
}

/// The first `n` bytes of `file` (fewer when it is shorter), read at their offset so that
/// the next read starts at the first byte; None when it cannot be read.
fn first_bytes(file: &File, n: usize) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut head = vec![0; n];
    let mut got = 0;
    while got < n {
        match file.read_at(&mut head[got..], got as u64) {
            Ok(0) => break,
            Ok(read) => got += read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    head.truncate(got);
    Some(head)
}

/// Steps over a byte-order mark (Notepad, Excel's "CSV UTF-8"): it starts the text in every
/// format, not its first record.
fn skip_bom(reader: &mut impl BufRead) -> std::io::Result<()> {
    if reader.fill_buf()?.starts_with(b"\xef\xbb\xbf") {
        reader.consume(3);
    }
    Ok(())
}

/// Loads one file. Returns its summary; an error only for a file that cannot be read at
/// all, or for a database failure (batches already committed stay; re-running is safe).
pub fn ingest_file(
    conn: &Connection,
    ctx: &Context,
    path: &Path,
    format: InputFormat,
    how: Load<'_>,
) -> Result<FileSummary> {
    let file = crate::storage::private::open_input(path, &ctx.input(None))?
        .map_err(|e| say::cannot_open(path, &e))?;
    let meta = file.metadata().ok();
    let size = meta.as_ref().map_or(0, std::fs::Metadata::len);
    let name = path.display().to_string();
    // A CSV export with no report still has its header: an empty one is an export that
    // failed (a full disk, a cut transfer), which cron would otherwise load as "nothing
    // new" for ever. (JSON Lines with no report is empty by rights; an empty JSON array
    // file is already malformed.)
    if size == 0 && meta.as_ref().is_some_and(|m| m.is_file()) && format == InputFormat::Csv {
        warn(&name, say::empty_file().text(ctx.lang));
    }
    // A pipe is read once: `check_files` could not scan it for the keys its records need.
    let gated = meta.as_ref().is_some_and(|m| !m.is_file());
    load(
        conn,
        ctx,
        &name,
        file,
        size,
        format,
        how,
        Threads::Two,
        gated,
    )
}

/// Loads one stream named `name` (a file, or examples embedded in the binary).
#[allow(clippy::too_many_arguments)]
pub fn ingest_reader(
    conn: &Connection,
    ctx: &Context,
    actor: &str,
    name: &str,
    input: impl Read + Send,
    size: u64,
    format: InputFormat,
    interactive: bool,
) -> Result<FileSummary> {
    let how = Load {
        actor,
        interactive,
        validate: false,
        errors: None,
    };
    load(
        conn,
        ctx,
        name,
        input,
        size,
        format,
        how,
        Threads::One,
        false,
    )
}

/// Whether a load reads and prepares on a second thread. Files do: they can be large. The
/// one-report arrivals that `demo` and the generator play do not, since starting a thread
/// would cost more than the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Threads {
    One,
    Two,
}

#[allow(clippy::too_many_arguments)]
fn load(
    conn: &Connection,
    ctx: &Context,
    name: &str,
    input: impl Read + Send,
    size: u64,
    format: InputFormat,
    how: Load<'_>,
    threads: Threads,
    gated: bool,
) -> Result<FileSummary> {
    let interactive = how.interactive;
    let lang = ctx.lang;
    let bytes = Arc::new(AtomicU64::new(0));
    let blank_rows = Arc::new(AtomicU64::new(0));
    let source = Source {
        reader: BufReader::with_capacity(
            1 << 16,
            Counting {
                inner: input,
                bytes: Arc::clone(&bytes),
            },
        ),
        format,
        name,
        lang,
        blank_rows: Arc::clone(&blank_rows),
        open311: match format {
            InputFormat::Open311 => Some(Open311Reader::new(conn, name, lang)?),
            _ => None,
        },
        gated,
    };
    let progress = progress_bar(size, name, interactive, lang);
    // The records refused and the warnings are said above the bar while it is drawn.
    let drawing = crate::output::drawing(&progress);
    let deadlines = Deadlines::load(conn)?;
    let keys = ctx.keys(conn)?;
    let mut sealer = keys.sealer()?;
    let loader = std::cell::RefCell::new(Loader::new(
        conn,
        &deadlines,
        ctx,
        how,
        (name, format),
        keys,
    )?);
    let validation = loader.borrow().validation;
    let thresholds = validation.map(|v| v.thresholds);
    let identity_optional =
        format == InputFormat::Open311 && validation.is_some_and(|v| v.open311_identity_optional);
    let mut next_id = reports::next_free_id(conn)?;
    // What bounds a submission from above, and what the file calls it. The later of the
    // load's time and the system clock: nothing is sent after the real present, and a
    // pinned `--now` (trust mode: tests, replays) may stand before reports loaded into it
    // (docs/rules.md §6).
    let system = chrono::Utc::now().with_timezone(&crate::domain::time::vietnam());
    let now = (
        ctx.now.max(system),
        match format {
            InputFormat::Open311 => "requested_datetime",
            _ => "submitted_at",
        },
    );
    let mut store = |prepared: Prepared| -> Result<Option<Ready>> {
        let mut loader = loader.borrow_mut();
        let spent = loader.take(prepared, lang, interactive)?;
        if loader.seen % 2_000 == 0 {
            progress.set_position(bytes.load(Ordering::Relaxed));
        }
        Ok(spent)
    };
    // Reading and preparing is pure work; with two threads it runs beside the storing.
    // Parsing, Unicode normalisation, the language check and writing the digests' JSON are
    // about two fifths of a load's time; the rest is SQLite and the sealing of the chain,
    // which must stay on one thread. What the storing thread is done with goes back to the
    // producing side to be freed there (see `pipeline::ordered`): the reading thread, or
    // with `--validate` the look's thread, which takes a third of the preparing work.
    let look_apart = threads == Threads::Two && thresholds.is_some();
    let produce = move |emit: &mut Emit<'_, Prepared>| {
        let read = move |emit: &mut Emit<'_, Prepared>| {
            source.read(&mut |item| {
                emit(prepare(
                    item,
                    now,
                    thresholds.as_ref(),
                    identity_optional,
                    &mut next_id,
                    &mut sealer,
                ))
            })
        };
        if look_apart {
            pipeline::staged(TO_LOOK, |_| false, read, look, emit)
        } else {
            read(&mut |prepared| emit(look(prepared)))
        }
    };
    let read = match threads {
        // A record that keeps the storing thread waiting longer than a transaction may
        // stay open ends the transaction: a stalled pipe must not hold the lock.
        Threads::Two => pipeline::ordered_resting(
            HANDOVER,
            Some(Policy::INGEST.time),
            produce,
            &mut store,
            || loader.borrow_mut().rest(),
        ),
        Threads::One => pipeline::in_place(produce, &mut store),
    };
    progress.finish_and_clear();
    drop(drawing);
    let loader = loader.into_inner();
    match read {
        Ok(()) => {
            // Once per file and kind, not per row: a spreadsheet spoiled the file's phones
            // together, and one next step (the original file) loads them all.
            for (damage, aside) in &loader.set_aside {
                if aside.count > 0 {
                    let text = say::set_aside_damaged(
                        *damage,
                        aside.count,
                        &aside.lines,
                        format,
                        how.errors.is_some(),
                    );
                    warn(&loader.summary.file, text.text(lang));
                }
            }
            let more = loader.said.saturating_sub(SHOWN);
            let mut summary = loader.finish()?;
            summary.blank_rows = blank_rows.load(Ordering::Relaxed);
            if interactive && more > 0 {
                let line =
                    say::more_warnings(&summary.file, more, summary.warnings, how.errors.is_some())
                        .text(lang)
                        .to_owned();
                crate::output::say(&line);
            }
            Ok(summary)
        }
        Err(e) => {
            loader.abandon();
            Err(e)
        }
    }
}

/// A bar on stderr when a person is watching, over the file's bytes (its counts worded in
/// `lang`); hidden in pipes, cron and `demo`.
fn progress_bar(size: u64, name: &str, interactive: bool, lang: Lang) -> ProgressBar {
    if !interactive || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(size);
    let (style, message) = crate::output::bar_style(
        &crate::output::printable(name),
        size,
        crate::output::bar::Counted::Bytes,
        lang,
    );
    bar.set_style(style);
    bar.set_message(message);
    bar
}

/// How many stored app ids outside the usual form (capitals, ASCII hyphens) an ingest keeps
/// in memory to warn of a near duplicate: the app writes the usual form, so these are few;
/// should it ever write every id otherwise, memory stays bounded (issue 18, point 4) and
/// only the ids beyond these are compared through their usual form alone.
const UNUSUAL_IDS_KEPT: usize = 100_000;

/// The bytes those ids may take, counted as their text plus [`UNUSUAL_ID_OVERHEAD`] each:
/// room for some 60,000 of the app's length (some 15 bytes), while ids as long as intake
/// allows (100 characters of up to four bytes) stop at some 12,000. With those, an ingest
/// of 100,000 reports peaks at 49 MB in a release build when none is kept; kept each in
/// allocations of their own (the id and its key) among the load's short-lived ones, a
/// budget of 12 MiB held 25 MB and took it to 74 MB, past issue 18's 64 MB; this one holds
/// about 7 MB. Bounded by count alone, 100,000 of those took an ingest to 146 MB.
const UNUSUAL_IDS_BYTES: usize = 4 << 20;

/// What one kept id costs besides its text: its slot in the map, which doubles as it
/// grows (24 bytes, and as many again free).
const UNUSUAL_ID_OVERHEAD: usize = 56;

/// The stored ids not in the app's usual form, by `intake::id_key`, within the bounds
/// above. Their text goes into one buffer, reserved whole when the first is kept (only
/// what is written becomes resident), and the map holds each key's hash, not the key: it
/// is the kept id's, computed again on a match to rule out a hash two keys share.
#[derive(Default)]
struct UnusualIds {
    text: String,
    /// By the key's hash: the report and where its id lies in `text`.
    by_key: HashMap<u64, (i64, u32, u32)>,
    hasher: std::hash::RandomState,
}

impl UnusualIds {
    /// The report kept under `key`, and its id.
    fn get(&self, key: &str) -> Option<(i64, &str)> {
        let &(id, start, end) = self
            .by_key
            .get(&std::hash::BuildHasher::hash_one(&self.hasher, key))?;
        let ext = &self.text[start as usize..end as usize];
        (crate::domain::intake::id_near_key(ext) == key).then_some((id, ext))
    }

    /// Keeps `ext` (report `id`) under `key` unless one is kept there already; false once
    /// the bounds are reached, and it is not kept.
    fn keep(&mut self, key: &str, id: i64, ext: &str) -> bool {
        let held = self.text.len() + self.by_key.len() * UNUSUAL_ID_OVERHEAD;
        if self.by_key.len() >= UNUSUAL_IDS_KEPT
            || held + ext.len() + UNUSUAL_ID_OVERHEAD > UNUSUAL_IDS_BYTES
        {
            return false;
        }
        let hash = std::hash::BuildHasher::hash_one(&self.hasher, key);
        if let std::collections::hash_map::Entry::Vacant(slot) = self.by_key.entry(hash) {
            if self.text.capacity() == 0 {
                self.text.reserve(UNUSUAL_IDS_BYTES);
            }
            let start = self.text.len();
            self.text.push_str(ext);
            slot.insert((id, start as u32, self.text.len() as u32));
        }
        true
    }
}

/// The records of a file set aside for one kind of damage to their phone: how many, and
/// the lines of the first [`SHOWN`].
#[derive(Default)]
struct Aside {
    count: u64,
    lines: Vec<u64>,
}

/// Stores items through the bulk writer under `Policy::INGEST` (or, when the caller already
/// holds a transaction, in one savepoint inside it).
struct Loader<'c, 'e> {
    bulk: Bulk<'c>,
    inserter: reports::Inserter<'c>,
    journal: Journal<'c>,
    /// The reception check's settings, with `--validate`, vouched for by the log.
    validation: Option<crate::app::validate::CheckSettings>,
    errors: Option<&'e RefCell<ErrorsFile>>,
    /// The province's communes, read once, for the warning about one a report names that
    /// is none of them (empty: no warning).
    communes: Communes,
    /// The stored ids not in the app's usual form, by `intake::id_key`, for the warning
    /// about an id that differs from a stored one only in case or dash; `None` where no
    /// one reads warnings (a replay).
    unusual_ids: Option<UnusualIds>,
    /// App ids whose reporter's identity the log records as erased, the report itself lost
    /// to a restore of a backup without it (`app::backup`): the erasure of each.
    erased: std::collections::HashMap<String, crate::storage::events::Erasure>,
    /// Who erases such an identity again: the system account, as a restore does, for the
    /// erasure is the log's and not the clerk's (who may not erase).
    system: crate::storage::journal::Stamp,
    seen: u64,
    /// The warnings said row by row, of which the first [`SHOWN`] are printed.
    said: u64,
    /// The records set aside because a spreadsheet spoiled their phone (`set_aside`), by
    /// kind of damage: said once for the file and kind.
    set_aside: [(SpreadsheetDamage, Aside); 2],
    /// What opens a stored report's identity, to tell whether a spreadsheet spoiled its
    /// phone (`repeat`).
    keys: crate::app::vault::Keys,
    summary: FileSummary,
    /// The number, in a JSON array, of the record being stored (`Item::record`), said
    /// beside its line wherever it is listed.
    record: Option<u64>,
    /// The language the listed records are said in.
    lang: Lang,
}

impl<'c, 'e> Loader<'c, 'e> {
    fn new(
        conn: &'c Connection,
        deadlines: &'c Deadlines,
        ctx: &Context,
        how: Load<'e>,
        (name, format): (&str, InputFormat),
        keys: crate::app::vault::Keys,
    ) -> Result<Self> {
        let validation = if how.validate {
            Some(crate::app::validate::vouched_settings(conn)?)
        } else {
            None
        };
        // A power cut may lose the last transactions (`synchronous = NORMAL`, see the
        // policy); re-ingesting the file restores them, since stored reports are skipped.
        // No lock yet: the first record takes it (`take`), so an input that keeps the run
        // waiting before it (a pipe, a FIFO) holds nothing meanwhile.
        let bulk = Bulk::waiting(conn, Policy::INGEST)?;
        let loader = Loader {
            bulk,
            inserter: reports::Inserter::new(conn)?,
            journal: deadlines.journal(conn, ctx.stamp(how.actor))?,
            validation,
            errors: how.errors,
            // Not for the one-report loads a replay makes (`ingest_reader`): a query per
            // report, for a warning nobody reads there.
            communes: if how.interactive {
                super::routing::communes(conn)?
            } else {
                Communes::default()
            },
            unusual_ids: if how.interactive {
                let mut kept = UnusualIds::default();
                reports::for_each_unusual_external_id(conn, |id, ext| {
                    use crate::domain::intake::{
                        id_is_usual, id_near_key, id_without_leading_zeros,
                    };
                    (id_is_usual(ext) && id_without_leading_zeros(ext).is_none())
                        || kept.keep(&id_near_key(ext), id, ext)
                })?;
                Some(kept)
            } else {
                None
            },
            erased: crate::storage::events::erased_without_report(conn)?,
            system: ctx.stamp(crate::app::SYSTEM_ACTOR),
            seen: 0,
            said: 0,
            set_aside: [
                (SpreadsheetDamage::LostLeadingZero, Aside::default()),
                (SpreadsheetDamage::Exponent, Aside::default()),
            ],
            keys,
            summary: FileSummary {
                file: name.to_owned(),
                format,
                stored: 0,
                already_present: 0,
                malformed: 0,
                set_aside: 0,
                stored_phone_lost_zero: 0,
                stored_phone_exponent: 0,
                already_present_seconds_lost: 0,
                first_id: None,
                last_id: None,
                accepted: validation.as_ref().map(|_| 0),
                rejected: validation.as_ref().map(|_| 0),
                accepted_ids: Vec::new(),
                possible_repeats: None,
                exposed: Default::default(),
                warnings: 0,
                warned_stored: 0,
                blank_rows: 0,
                malformed_by_reason: BTreeMap::new(),
                malformed_rows: Vec::new(),
                warned_rows: Vec::new(),
            },
            record: None,
            lang: ctx.lang,
        };
        Ok(loader)
    }

    /// Stores one record; gives back what it is done with.
    fn take(&mut self, item: Prepared, lang: Lang, interactive: bool) -> Result<Option<Ready>> {
        self.seen += 1;
        self.record = item.record;
        if self.bulk.resume()?.began() {
            // The chain may have grown while the run waited for its input.
            self.journal.resync(self.bulk.conn())?;
        }
        let mut ready = match item.report {
            Ok(ready) => ready,
            Err(bad) => {
                self.refuse(item.line, bad, lang, interactive)?;
                return Ok(None);
            }
        };
        // A phone a spreadsheet spoiled (its leading 0 stripped, or written as an exponent
        // that dropped digits) is mended once stored only by an admin's `identity correct`,
        // one report at a time, and `validate` would reject the report for it (Đ6.3): the
        // record waits for the original file, which loads it. One whose app id is stored
        // already is that report read again, and goes the way of any repeat.
        if let Some(damage) = spreadsheet_damage(&ready.row.reporter_phone)
            && reports::id_of_external(self.bulk.conn(), &ready.row.external_id)?.is_none()
        {
            self.set_aside(item.line, damage, lang)?;
            return Ok(Some(ready));
        }
        let warnings_before = self.summary.warnings;
        // Kept: the citizen's words matter more than a wrong pin or date, but reception
        // should look. Said only once the row is stored: a row already stored (yesterday's
        // file again) is a no-op, warned about when it was stored, and one in conflict is
        // refused; "stored, check…" would be untrue of either.
        let pending = self.warnings_once_stored(&ready.row, lang);
        // With --validate the row is written once, as the check leaves it; the log still
        // gets both steps, each sealed with the row as that step left it.
        let mut check = ready.check.take().transpose()?;
        let (arrived_as, arrived_digest) = &mut ready.arrived;
        let row = &mut ready.row;
        match self.inserter.insert(row)? {
            // A repeat is harmless only when it says what the stored report said.
            None => self.repeat(item.line, row, lang, interactive)?,
            Some(id) => {
                row.id = id;
                for (code, reason) in pending {
                    self.warned(item.line, code, reason, interactive)?;
                }
                if let Some(stored) = self.near_id(id, &row.external_id)? {
                    let reason =
                        near_id_warning(self.bulk.conn(), id, &row.external_id, stored, lang)?;
                    self.warned(item.line, "near_duplicate_id", reason, interactive)?;
                }
                self.log_arrival(
                    item.line,
                    row,
                    (*arrived_as, arrived_digest),
                    check.as_mut(),
                )?;
                // Only a report stored here is warned of: one already stored went public,
                // and was warned of, when it was accepted.
                if let Some(exposure) = ready.exposed.take() {
                    self.summary.exposed.note(id, *exposure);
                }
                self.erase_again_if_erased(item.line, row, lang, interactive)?;
                self.count_stored(id, warnings_before)?;
            }
        }
        ready.check = check.map(Ok);
        Ok(Some(ready))
    }

    /// The warnings about a well-formed row, said only once it is stored (see `take`): a
    /// place outside Vietnam or half a coordinate, columns that look shifted, a commune none of the agencies
    /// names, an occurrence after the submission or before any phone's clock was set.
    fn warnings_once_stored(&self, row: &Report, lang: Lang) -> Vec<(&'static str, String)> {
        let mut pending: Vec<(&'static str, String)> = Vec::new();
        if let (Some(lat), Some(lon)) = (row.latitude, row.longitude)
            && !crate::domain::intake::inside_vietnam(lat, lon)
        {
            let reason = say::outside_vietnam(lat, lon).text(lang).to_owned();
            pending.push(("outside_vietnam", reason));
        }
        // Half a point is no place: stored as sent, said, as a place outside Vietnam is.
        if row.latitude.is_some() != row.longitude.is_some() {
            let reason = say::half_coordinate(row.latitude.is_some())
                .text(lang)
                .to_owned();
            pending.push(("half_coordinate", reason));
        }
        match crate::domain::intake::shift_of(&row.reporter_name, &row.reporter_phone) {
            Some(Shift::Left) => {
                let reason = say::shifted_left().text(lang).to_owned();
                pending.push(("shifted_columns", reason));
            }
            // Same code: one shape of a row whose columns are out of place, which the
            // `--errors` file and `warned_rows` already name; the words say which.
            Some(Shift::Swapped) => {
                let reason = say::swapped().text(lang).to_owned();
                pending.push(("shifted_columns", reason));
            }
            None => {}
        }
        let commune = row.commune.trim();
        if !self.communes.is_empty() && !is_blank(commune) && !self.communes.knows(commune) {
            // Quoted back with the reporter's name and any phone hidden, and names by their
            // shape (a shifted row's name is here): a warning goes to stderr, cron's mail and
            // the --errors file.
            let commune = if crate::domain::redact::is_part_of_name(commune, &row.reporter_name) {
                crate::domain::redact::MARK.to_owned()
            } else {
                crate::domain::redact::redact_commune(
                    crate::domain::redact::redact(commune, &row.reporter_name),
                    false,
                )
                .text
            };
            let reason = say::unknown_commune(&commune).text(lang).to_owned();
            pending.push(("unknown_commune", reason));
        }
        if crate::domain::intake::occurred_after_submission(row) {
            let reason = say::occurred_after_submission().text(lang).to_owned();
            pending.push(("occurred_after_submitted", reason));
        }
        if crate::domain::intake::occurred_before_any_phone(row) {
            let reason = say::occurred_before_2001().text(lang).to_owned();
            pending.push(("occurred_before_2001", reason));
        }
        pending
    }

    /// Logs the arrival of report `row` (stored as `row.id`) sealed as it `arrived`, and
    /// with --validate the reception check's verdict after it, and counts the verdict.
    fn log_arrival(
        &mut self,
        line: u64,
        row: &Report,
        (arrived_as, arrived_digest): (Status, &mut PendingDigest),
        check: Option<&mut (crate::app::validate::Check, PendingDigest)>,
    ) -> Result<()> {
        let id = row.id;
        // The dispatch clock runs from the citizen's submission, not from the load.
        let arrival_digest = arrived_digest.with_id(id);
        // With --validate, the verdict follows the arrival it finds sealed.
        let was = check.as_ref().map(|_| arrival_digest.clone());
        let arrived = Sealed {
            report_id: id,
            from: None,
            to: arrived_as,
            was: None,
            digest: arrival_digest,
        };
        let submitted = row.submitted_at;
        let payload = Arrival {
            file: &self.summary.file,
            line,
            origin: (self.summary.format == InputFormat::Open311).then_some("open311"),
            submitted_at: &crate::domain::time::format(&submitted),
        }
        .payload();
        self.journal.append(Entry::step(
            arrived,
            EventKind::Ingest,
            payload,
            submitted,
            None,
        ))?;
        if let (Some((check, checked_digest)), Some(was)) = (check, was) {
            let at = self.journal.stamp().at;
            self.journal.append(check.entry(
                arrived_as,
                row,
                (was, checked_digest.with_id(id)),
                at,
            ))?;
            if row.status == Status::Accepted {
                self.summary.accepted_ids.push(id);
            }
            let count = if row.status == Status::Accepted {
                &mut self.summary.accepted
            } else {
                &mut self.summary.rejected
            };
            *count = Some(count.unwrap_or(0) + 1);
        }
        Ok(())
    }

    /// Erases again, as the log records, the identity of a report stored under an app id
    /// whose identity a restore lost the report of after it was erased.
    fn erase_again_if_erased(
        &mut self,
        line: u64,
        row: &Report,
        lang: Lang,
        interactive: bool,
    ) -> Result<()> {
        let id = row.id;
        if let Some(erasure) = self.erased.get(&row.external_id) {
            // The citizen asked for this identity to go, and the log says so: the
            // report is kept (the Decision's record), its identity erased again as
            // a restore erases again what the log records erased. Checked or not:
            // the reception check judges an identity erased before it on the rest.
            // The places of the name are found now, while it is known.
            let kept = crate::domain::open311::KeptTexts::of(row);
            let conn = self.bulk.conn();
            let mut system = Journal::new(conn, self.system.clone())?;
            crate::app::erase::erase_arrived(conn, &mut system, id, erasure, kept.as_ref())?;
            drop(system);
            self.journal.resync(conn)?;
            let event = erasure.event;
            let reason = say::erased_before(event, id).text(lang).to_owned();
            self.warned(line, "identity_erased_before", reason, interactive)?;
        }
        Ok(())
    }

    /// Counts report `id` stored (and warned about, if warnings came since
    /// `warnings_before`), and lets other writers in between batches.
    fn count_stored(&mut self, id: i64, warnings_before: u64) -> Result<()> {
        self.summary.stored += 1;
        if self.summary.warnings > warnings_before {
            self.summary.warned_stored += 1;
        }
        self.summary.first_id.get_or_insert(id);
        self.summary.last_id = Some(id);
        if self.bulk.wrote(1)?.began() {
            // Another writer may have extended the chain between the two.
            self.journal.resync(self.bulk.conn())?;
        }
        Ok(())
    }

    /// Counts and lists a record that was not stored: the summary, stderr for the first few,
    /// the `--errors` file.
    fn refuse(&mut self, line: u64, bad: Bad, lang: Lang, interactive: bool) -> Result<()> {
        let shown = interactive && self.summary.malformed - self.summary.set_aside < SHOWN;
        self.not_stored(line, bad, lang, shown)
    }

    /// Counts and lists a record set aside because a spreadsheet spoiled its phone: among
    /// the records not stored (the summary, the `--errors` file), said once for the file
    /// with the lines of the first few (`load`) rather than row by row.
    fn set_aside(&mut self, line: u64, damage: SpreadsheetDamage, lang: Lang) -> Result<()> {
        self.summary.set_aside += 1;
        if let Some((_, aside)) = self.set_aside.iter_mut().find(|(d, _)| *d == damage) {
            aside.count += 1;
            if aside.lines.len() < SHOWN as usize {
                aside.lines.push(line);
            }
        }
        let bad = match damage {
            SpreadsheetDamage::LostLeadingZero => {
                Bad::new("lost_leading_zero", say::lost_leading_zero_row())
            }
            SpreadsheetDamage::Exponent => Bad::new("phone_exponent", say::phone_exponent_row()),
        };
        self.not_stored(line, bad, lang, false)
    }

    fn not_stored(&mut self, line: u64, bad: Bad, lang: Lang, shown: bool) -> Result<()> {
        let reason = bad.text.text(lang).to_owned();
        self.summary.malformed += 1;
        *self
            .summary
            .malformed_by_reason
            .entry(bad.code)
            .or_default() += 1;
        list_row(
            &self.summary.file,
            self.errors,
            &mut self.summary.malformed_rows,
            (shown, self.lang),
            (line, self.record, bad.code, reason),
        )
    }

    /// Counts a warning about a stored record; prints the first [`SHOWN`] and writes every
    /// one to the `--errors` file (its `reason` code names the warning, so a script tells
    /// them from the records that were not stored).
    fn warned(&mut self, line: u64, code: &str, reason: String, interactive: bool) -> Result<()> {
        self.summary.warnings += 1;
        self.said += 1;
        let shown = interactive && self.said <= SHOWN;
        list_row(
            &self.summary.file,
            self.errors,
            &mut self.summary.warned_rows,
            (shown, self.lang),
            (line, self.record, &format!("warning_{code}"), reason),
        )
    }

    /// For a report just stored as new under `ext`: the stored report whose id differs
    /// from it only in case or dash, if any (earlier in this file too).
    fn near_id(&mut self, id: i64, ext: &str) -> Result<Option<(i64, String)>> {
        use crate::domain::intake::{id_is_usual, id_near_key, id_usual, id_without_leading_zeros};
        let Some(unusual) = self.unusual_ids.as_mut() else {
            return Ok(None);
        };
        let key = id_near_key(ext);
        let mut found = unusual
            .get(&key)
            .filter(|(_, other)| *other != ext)
            .map(|(other, ext)| (other, ext.to_owned()));
        let zeros = id_without_leading_zeros(ext);
        if zeros.is_some() || !id_is_usual(ext) {
            // Its usual form (a numeric id without its leading zeros, as Excel leaves it),
            // if stored, is found by the unique index. The earliest report is named: the
            // likelier original.
            let usual = zeros.map_or_else(|| id_usual(ext), str::to_owned);
            if let Some(other) = reports::id_of_external(self.bulk.conn(), &usual)?
                && found.as_ref().is_none_or(|(earlier, _)| other < *earlier)
            {
                found = Some((other, usual));
            }
            unusual.keep(&key, id, ext);
        }
        Ok(found.filter(|(other, _)| *other != id))
    }

    /// A record whose id is already stored (by an earlier load or earlier in this file):
    /// counted as already present when it is the stored report read again, else refused as
    /// a conflict. Only on this path, which a first load never takes, so a load of new
    /// reports pays nothing for it.
    fn repeat(&mut self, line: u64, read: &Report, lang: Lang, interactive: bool) -> Result<()> {
        let conn = self.bulk.conn();
        let Some(mut stored) = reports::load_external(conn, &read.external_id)? else {
            self.summary.already_present += 1;
            return Ok(());
        };
        let id = stored.id;
        let mut differ = crate::domain::intake::arrival_differences(&stored, read);
        // A consent the reporter withdrew since (`identity consent --withdraw`, Đ6.5) is not
        // the app's to give back: its export still says the consent was given, and that is
        // the record as it arrived, no conflict; nor one given since, asked by the portal
        // (`--give`), which the app's record still says was not. The stored consent stands
        // when the log's last consent step made it so. Asked of the log only on this rare
        // path.
        if differ.contains(&"consent")
            && stored.consent != read.consent
            && crate::storage::events::last_consent_step(conn, id)?
                .is_some_and(|(given, _)| given == stored.consent)
        {
            differ.retain(|column| *column != "consent");
        }
        if !differ.is_empty() {
            // A copy Excel re-saved, its times cut to the minute, is the report read again,
            // not another one under its id: counted apart, and the stored report kept
            // (its seconds, if the copy came first, are not restored: the log sealed them).
            if !crate::domain::intake::differs_only_in_seconds(&stored, read) {
                // The id and the columns' names only: never the name or phone either side
                // held.
                let (ext, columns) = (&read.external_id, differ.join(", "));
                let bad = Bad::new("conflict", say::conflict(ext, id, &columns));
                return self.refuse(line, bad, lang, interactive);
            }
            self.summary.already_present_seconds_lost += 1;
        }
        self.summary.already_present += 1;
        // A report stored from a re-saved file before such records were set aside keeps
        // the phone as the spreadsheet left it, which reading the original again does not
        // mend: said, so that the operator does not take "already present" for the phone
        // restored. Judged on the stored phone alone, never against the one read: ingest must not
        // tell whether a guessed identity is the stored one (SECURITY.md, measure 5). An
        // identity that does not open is left to the commands that say so (`show`,
        // `validate`, `audit verify`): a repeat read changes nothing.
        if stored.identity_erased() || self.keys.open(conn, &mut stored).is_err() {
            return Ok(());
        }
        let (code, reason) = match spreadsheet_damage(&stored.reporter_phone) {
            None => return Ok(()),
            Some(SpreadsheetDamage::LostLeadingZero) => {
                self.summary.stored_phone_lost_zero += 1;
                (
                    "stored_phone_lost_zero",
                    say::stored_phone_lost_zero(&read.external_id, id),
                )
            }
            Some(SpreadsheetDamage::Exponent) => {
                self.summary.stored_phone_exponent += 1;
                (
                    "stored_phone_exponent",
                    say::stored_phone_exponent(&read.external_id, id),
                )
            }
        };
        let reason = reason.text(lang).to_owned();
        self.warned(line, code, reason, interactive)
    }

    /// The input keeps the run waiting: what was stored is committed, and the lock and the
    /// writers' turn are let go until the next record.
    fn rest(&mut self) -> Result<()> {
        self.bulk.rest()
    }

    fn finish(self) -> Result<FileSummary> {
        self.bulk.finish()?;
        Ok(self.summary)
    }

    fn abandon(self) {
        self.bulk.abandon();
    }
}

type Sink<'s> = dyn FnMut(Item) -> Result<()> + 's;

/// The warning for report `id`, just stored under `ext`, whose id differs from report
/// `other`'s only in case or dash. The rules compare ids exactly (docs/rules.md §6), so it
/// is stored; the advice to merge it is given only where `duplicate` would take it.
fn near_id_warning(
    conn: &Connection,
    id: i64,
    ext: &str,
    (other, other_ext): (i64, String),
    lang: Lang,
) -> Result<String> {
    let original = match reports::load(conn, other)? {
        Some(r) if r.status == Status::Rejected => None,
        Some(r) => Some(r.duplicate_of.unwrap_or(other)),
        None => None,
    };
    Ok(
        say::near_duplicate_id(id, ext, (other, &other_ext), original)
            .text(lang)
            .to_owned(),
    )
}

/// One record refused or warned about, `(line, record, code, reason)`, listed where the
/// operator looks: on stderr when `shown` (the first few, in `lang`), in the `--errors`
/// file, and among the `rows` the summary keeps. A JSON array's record is named by its
/// number beside its line: a minified array is one line.
fn list_row(
    file: &str,
    errors: Option<&RefCell<ErrorsFile>>,
    rows: &mut Vec<MalformedRow>,
    (shown, lang): (bool, Lang),
    (line, record, code, reason): (u64, Option<u64>, &str, String),
) -> Result<()> {
    if shown {
        // File names and what the file said may hold escape sequences.
        let at = say::record_at(line, record).text(lang).to_owned();
        crate::output::say(&format!("{file}:{at}: {reason}"));
    }
    if let Some(errors) = errors {
        let line = line.to_string();
        let record = record.map(|n| n.to_string()).unwrap_or_default();
        errors.borrow_mut().record([
            file,
            line.as_str(),
            code,
            reason.as_str(),
            record.as_str(),
        ])?;
    }
    if rows.len() < MALFORMED_KEPT {
        rows.push(MalformedRow {
            file: file.to_owned(),
            line,
            record,
            reason: code.to_owned(),
            message: reason,
        });
    }
    Ok(())
}

fn read_csv<R: BufRead>(
    reader: R,
    name: &str,
    lang: Lang,
    blank_rows: &AtomicU64,
    sink: &mut Sink<'_>,
) -> Result<()> {
    let Some((mut csv, header)) = read_header(reader, name)? else {
        return Ok(());
    };
    let mut columns = header.columns;
    // After a second header line that cannot be used: its line, and every row after it is
    // refused (read by the first header its columns would be swapped).
    let mut unusable_header: Option<u64> = None;
    // The columns without a name (a header ending in `,,`, as Excel writes after a column
    // was cleared): warned about only if a cell of theirs holds something, once read.
    let mut unnamed = header.unnamed;
    let mut unnamed_with_data = 0usize;
    // One line however many: a hostile header may have a million columns.
    if !header.unknown.is_empty() {
        let unknown = &header.unknown;
        let shown: Vec<String> = unknown.iter().take(5).map(|c| format!("\"{c}\"")).collect();
        let more = unknown.len().saturating_sub(5);
        let more = if more > 0 {
            format!(" (+{more})")
        } else {
            String::new()
        };
        let (count, shown) = (unknown.len(), shown.join(", "));
        warn(name, say::unknown_columns(count, &shown, &more).text(lang));
    }
    // Columns a file may leave out, each read by its default for every record: said once,
    // or an app export that renamed `urgent` (or left it out) had every urgent report
    // stored not urgent without a word, and the file with the column, ingested after,
    // was a conflict.
    let defaulted: Vec<Column> = [
        Column::Urgent,
        Column::Consent,
        Column::Latitude,
        Column::Longitude,
    ]
    .into_iter()
    .filter(|c| !columns.contains(&Some(*c)))
    .collect();
    if !defaulted.is_empty() {
        warn(name, say::columns_defaulted(&defaulted).text(lang));
    }
    let mut record = csv::ByteRecord::new();
    loop {
        let item = match csv.read() {
            Ok(Next::End) => break,
            Ok(Next::Record { line }) => match csv.unclosed_quote() {
                Some(opened) => Item {
                    line,
                    record: None,
                    report: Err(unclosed_quote(opened)),
                },
                None => {
                    csv.record(&mut record);
                    // A row Excel left empty between others: no record, no fault.
                    if record.iter().all(blank) {
                        blank_rows.fetch_add(1, Ordering::Relaxed);
                        continue;
                    }
                    // The first of two files joined with `cat` ended without a line break:
                    // its last record and the second one's header share a line. The record
                    // is read by the columns it was written under, then the header taken;
                    // read as one header, the record was lost without a word, counted
                    // nowhere, and every row after it refused.
                    if unusable_header.is_none()
                        && record.len() > columns.len()
                        && let Some((row, again)) = glued_to_header(&record, &columns)
                    {
                        warn(name, say::glued_to_header(line).text(lang));
                        sink(Item {
                            line,
                            record: None,
                            report: csv_report(&row, &columns, csv.delimiter()),
                        })?;
                        record = again;
                    }
                    // Two exports joined with `cat`: the second one's header is not a bad
                    // row, and when its columns are in another order the rows after it are
                    // read by it, never with their columns swapped (a report's
                    // `confidential` read from its `consent`: Đ9.2).
                    if looks_like_header(&record) {
                        match header_columns(&record, name) {
                            Ok(again) => {
                                let same = again.columns == columns;
                                warn(name, say::header_again(line, same).text(lang));
                                if !same {
                                    columns = again.columns;
                                    unnamed = again.unnamed;
                                }
                                unusable_header = None;
                                continue;
                            }
                            Err(why) => {
                                unusable_header = Some(line);
                                sink(Item {
                                    line,
                                    record: None,
                                    report: Err(Bad::new(
                                        "header_again_unusable",
                                        say::header_again_unusable(&why),
                                    )),
                                })?;
                                continue;
                            }
                        }
                    }
                    if let Some(header) = unusable_header {
                        sink(Item {
                            line,
                            record: None,
                            report: Err(Bad::new(
                                "after_unusable_header",
                                say::after_unusable_header(header),
                            )),
                        })?;
                        continue;
                    }
                    unnamed.retain(|&i| {
                        let data = record.get(i).is_some_and(|cell| !blank(cell));
                        unnamed_with_data += usize::from(data);
                        !data
                    });
                    let mut report = csv_report(&record, &columns, csv.delimiter());
                    let last = csv.last_line();
                    if last > line
                        && let Err(bad) = &mut report
                        && bad.code == "field_count"
                    {
                        // A quote left open took the next lines into this record: each of
                        // them is said and counted, or the reports on them vanish from the
                        // totals.
                        bad.text = say::lines_swallowed(&bad.text, line, last);
                        sink(Item {
                            line,
                            record: None,
                            report,
                        })?;
                        for swallowed in line + 1..=last {
                            sink(Item {
                                line: swallowed,
                                record: None,
                                report: Err(Bad::new("line_swallowed", say::line_swallowed(line))),
                            })?;
                        }
                        continue;
                    }
                    if report.is_ok()
                        && csv.unterminated()
                        && let Some(column) = cut_short(&record, &columns)
                    {
                        report = Err(Bad::new("cut_last_line", say::cut_last_line(column)));
                    }
                    // Cut before its last cells: too few fields, and no line end. "Fix the
                    // file and ingest it again" invited padding a report that was cut.
                    if csv.unterminated()
                        && record.len() < columns.len()
                        && report.as_ref().is_err_and(|bad| bad.code == "field_count")
                    {
                        report = Err(Bad::new(
                            "cut_last_line",
                            say::cut_last_line_fields(record.len(), columns.len()),
                        ));
                    }
                    Item {
                        line,
                        record: None,
                        report,
                    }
                }
            },
            // A field over the bound is over its column's limit too (every limit is far
            // below 512 KiB): said as the intake says it, naming the column.
            Ok(Next::TooLong { line, field }) => Item {
                line,
                record: None,
                report: Err(
                    match field.and_then(|f| columns.get(f).copied().flatten()) {
                        Some(column) => malformed(crate::domain::intake::too_long(column)),
                        None => Bad::new(
                            "record_too_long",
                            crate::output::ingest::record_too_long(bounded::RECORD_LIMIT),
                        ),
                    },
                ),
            },
            Err(e) => {
                sink(Item {
                    line: 0,
                    record: None,
                    report: Err(Bad::new(
                        "csv_syntax",
                        crate::output::ingest::csv_unreadable(&e),
                    )),
                })?;
                break;
            }
        };
        sink(item)?;
    }
    if unnamed_with_data > 0 {
        warn(
            name,
            say::unnamed_columns_with_data(unnamed_with_data).text(lang),
        );
    }
    Ok(())
}

/// A line holding a record of the current header's `columns` and a header line after it
/// (`intake::split_glued` at the record's last cell): the record and the header. The
/// record must hold a time where the header has `submitted_at`, which no header line
/// does: a second header that is longer than the first, on its own line, is no glued line.
fn glued_to_header(
    line: &csv::ByteRecord,
    columns: &[Option<Column>],
) -> Option<(csv::ByteRecord, csv::ByteRecord)> {
    let last = columns.len().checked_sub(1)?;
    let at = columns
        .iter()
        .position(|c| *c == Some(Column::SubmittedAt))?;
    let sent = line.get(at).and_then(|cell| utf8(cell).ok())?;
    if !matches!(crate::domain::time::parse(sent), Ok(Some(_))) {
        return None;
    }
    let (value, name) = crate::domain::intake::split_glued(line.get(last)?)?;
    let mut header = csv::ByteRecord::from(vec![name]);
    header.extend(line.iter().skip(last + 1));
    if !looks_like_header(&header) {
        return None;
    }
    let mut row: csv::ByteRecord = line.iter().take(last).collect();
    row.push_field(value);
    Some((row, header))
}

/// Whether a record is a header line: every cell a column's name or empty, the two every
/// record needs among them, and no other cell (an unknown column's name aside, when most
/// cells are known). A report cannot hold "submitted_at" as its time, so no row is taken
/// for one.
fn looks_like_header(record: &csv::ByteRecord) -> bool {
    // Every row passes here: `header_cell` looks at a cell's ends only, and one length
    // settles a report row.
    let submitted_at = Column::SubmittedAt.name().as_bytes();
    if !record
        .iter()
        .any(|cell| crate::domain::intake::header_cell(cell).eq_ignore_ascii_case(submitted_at))
    {
        return false;
    }
    let (mut id, mut at, mut known, mut other) = (false, false, 0usize, 0usize);
    for cell in record {
        if crate::domain::intake::header_cell(cell).is_empty() {
            continue;
        }
        match Column::of_header(cell) {
            Some(Column::ExternalId) => id = true,
            Some(Column::SubmittedAt) => at = true,
            Some(_) => {}
            None => {
                other += 1;
                continue;
            }
        }
        known += 1;
    }
    id && at && known > other
}

/// For the last record of a file that ends without a line break: the column of its last
/// cell when that cell holds what a file cut short there would still read as a value
/// (`Column::may_read_cut_short`). The one sign such a cut leaves is the missing line end,
/// and the report stored cut ("… mưa xuống l") could not be mended by loading the whole
/// file after (a conflict): the record waits for the whole file. A file whose last cell is
/// empty, a yes/no, the category hint or a column phananh does not read loads as it is,
/// line end or not, for a cut there loses nothing of the report.
fn cut_short(record: &csv::ByteRecord, columns: &[Option<Column>]) -> Option<&'static str> {
    let last = record.len().checked_sub(1)?;
    let column = (*columns.get(last)?)?;
    (column.may_read_cut_short() && !blank(&record[last])).then(|| column.name())
}

/// A cell with nothing in it but spaces.
fn blank(cell: &[u8]) -> bool {
    cell.iter().all(u8::is_ascii_whitespace)
}

/// The last record ran into the end of the file inside a quoted field that opened on line
/// `opened`: what was read of it is not the citizen's report.
fn unclosed_quote(opened: u64) -> Bad {
    Bad::new(
        "unclosed_quote",
        crate::output::ingest::unclosed_quote(opened),
    )
}

/// What a CSV file's header line says.
#[derive(Debug)]
struct Header {
    /// Each field's column, `None` for a column phananh does not know.
    columns: Vec<Option<Column>>,
    /// The unknown columns' names (cut to 40 characters), to warn about.
    unknown: Vec<String>,
    /// Where the columns without a name are (only spaces, or nothing).
    unnamed: Vec<usize>,
}

/// Reads a CSV file's header line (the byte-order mark already skipped) and leaves the
/// reader at the first record; `None` for an empty file. Refuses, before any record is
/// read, a header no report of the file could be judged by (`header_columns`).
fn read_header<R: BufRead>(
    mut reader: R,
    name: &str,
) -> Result<Option<(bounded::CsvRecords<R>, Header)>, Localized> {
    let unreadable = |e: std::io::Error| crate::output::ingest::file_unreadable(name, &e);
    let start = reader.fill_buf().map_err(unreadable)?;
    // Excel's `sep=;` line names the separator; it was read as a header of one column,
    // "no column known", naming no cause. Its line still counts in the lines named.
    let (delimiter, sep_line) = match crate::domain::intake::sep_line(start) {
        Some((delimiter, len)) => (delimiter, start[..len].to_vec()),
        None => (crate::domain::intake::separator(start), Vec::new()),
    };
    reader.consume(sep_line.len());
    // Bounded (app::bounded): a 300 MB field is refused as it is read, not held whole.
    let mut csv = bounded::CsvRecords::new(reader, delimiter);
    csv.count_lines(&sep_line);
    let mut header = csv::ByteRecord::new();
    match csv.read_header().map_err(unreadable)? {
        Next::End => return Ok(None),
        Next::Record { .. } => csv.record(&mut header),
        Next::TooLong { .. } => {
            return Err(crate::output::ingest::header_too_long(
                name,
                bounded::RECORD_LIMIT / 1024,
            ));
        }
    }
    let header = header_columns(&header, name)?;
    Ok(Some((csv, header)))
}

/// The columns whose absence from a file would decide the reception check of every report
/// in it (`domain::validate::check_complete`), each report rejected for good since a stored
/// report is never read again from the file: the content (Đ6.2; its language, Đ6.1), a
/// photo or video and the time of the event (Đ6.2), the reporter's name and phone (Đ6.3).
/// The place (Đ6.2) is any of address, commune or both coordinates: see `has_place`.
/// `deciding_columns_are_those_the_reception_check_reads` holds this list to the check.
const DECIDING: [Column; 5] = [
    Column::Content,
    Column::Media,
    Column::OccurredAt,
    Column::ReporterName,
    Column::ReporterPhone,
];

/// Whether a file with these columns can say where the event happened (Đ6.2).
fn has_place(has: impl Fn(Column) -> bool) -> bool {
    has(Column::Address) || has(Column::Commune) || has(Column::Latitude) && has(Column::Longitude)
}

/// Maps header names to columns, in any case ("EXTERNAL_ID" is external_id: a spreadsheet
/// may have changed it). Refuses a header without the two columns every record needs, one
/// that repeats a column (which copy would be the report's?), and one without a column
/// that decides the reception check (`DECIDING`), naming them.
fn header_columns(header: &csv::ByteRecord, name: &str) -> Result<Header, Localized> {
    let mut columns = Vec::with_capacity(header.len());
    let mut unknown: Vec<String> = Vec::new();
    let mut repeated: Vec<Column> = Vec::new();
    let mut unnamed: Vec<usize> = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let whole =
            std::str::from_utf8(raw).map_err(|_| crate::output::ingest::header_not_utf8(name))?;
        // Read as a header line met again among the rows is (`looks_like_header`).
        let text = std::str::from_utf8(crate::domain::intake::header_cell(raw)).unwrap_or(whole);
        let column = Column::of_header(raw);
        match column {
            None if text.is_empty() => unnamed.push(i),
            None => unknown.push(text.chars().take(40).collect::<String>()),
            Some(c) if columns.contains(&Some(c)) && !repeated.contains(&c) => repeated.push(c),
            Some(_) => {}
        }
        columns.push(column);
    }
    // A header of one column holding separators of another kind: a file exported with
    // the wrong separator (tabs, or semicolons beside commas).
    let other_separator = header.len() == 1 && header[0].iter().any(|b| b";\t|".contains(b));
    // A header of labels (a localized "Xuất Excel": "Mã phản ánh", "Thời gian gửi", …),
    // or no header at all: said once with the names to use, not one missing column per
    // attempt. Its cells are not echoed: without a header they are a report's data.
    if !other_separator && header.len() > 1 && columns.iter().all(Option::is_none) {
        let known: Vec<&str> = Column::ALL.into_iter().map(Column::name).collect();
        return Err(crate::output::ingest::no_known_column(
            name,
            header.len(),
            &known.join(", "),
        ));
    }
    let required: Vec<&str> = [Column::ExternalId, Column::SubmittedAt]
        .into_iter()
        .filter(|c| !columns.contains(&Some(*c)))
        .map(Column::name)
        .collect();
    if !required.is_empty() {
        return Err(crate::output::ingest::no_required_column(
            name,
            &required.join(", "),
            other_separator,
        ));
    }
    if !repeated.is_empty() {
        let names = repeated
            .iter()
            .map(|c| c.name())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(crate::output::ingest::repeated_columns(name, &names));
    }
    let has = |c: Column| columns.contains(&Some(c));
    // A known column's name mistyped ("confidental") would drop that column silently: the
    // confidential flag (Đ9.2) of every report, say. A name one or two edits from a column
    // the header lacks is taken for that mistake.
    let mistyped: Vec<(String, &str)> = unknown
        .iter()
        .filter_map(|typed| {
            let folded = typed.trim().to_ascii_lowercase();
            Column::ALL
                .into_iter()
                .filter(|&c| !has(c))
                .find(|c| crate::domain::text::edit_distance(&folded, c.name()) <= 2)
                .map(|c| (typed.clone(), c.name()))
        })
        .collect();
    if !mistyped.is_empty() {
        return Err(crate::output::ingest::mistyped_columns(name, &mistyped));
    }
    let mut missing: Vec<&str> = DECIDING
        .into_iter()
        .filter(|&c| !has(c))
        .map(Column::name)
        .collect();
    if !has_place(has) {
        missing.push("address|commune|latitude+longitude");
    }
    if !missing.is_empty() {
        let names = missing.join(", ");
        return Err(crate::output::ingest::deciding_columns_missing(
            name, &names,
        ));
    }
    // Without the column every report reads as not confidential and is published, one the
    // citizen asked to keep private among them (Đ9.2), and `publish` cannot tell. The
    // app's export always has it; a file cut down by hand or by a spreadsheet is sent back
    // (docs/rules.md, "Ingest formats").
    if !has(Column::Confidential) {
        return Err(crate::output::ingest::confidential_column_missing(name));
    }
    Ok(Header {
        columns,
        unknown,
        unnamed,
    })
}

fn csv_report(
    record: &csv::ByteRecord,
    columns: &[Option<Column>],
    delimiter: u8,
) -> Result<Report, Bad> {
    if record.len() != columns.len() {
        let comma = comma_hint(record, columns, delimiter);
        return Err(Bad::new(
            "field_count",
            crate::output::ingest::field_count(columns.len(), record.len(), &comma),
        ));
    }
    let mut raw: RawRecord<'_> = [""; 15];
    for (value, column) in record.iter().zip(columns) {
        let Some(column) = column else { continue };
        raw[column.index()] = utf8(value).map_err(|e| not_utf8(Some(*column), e))?;
    }
    parse_record(&raw).map_err(|e| {
        let mut bad = malformed(e);
        let comma = comma_hint(record, columns, delimiter);
        if !comma.en.is_empty() {
            bad.text.vi.push_str(&comma.vi);
            bad.text.en.push_str(&comma.en);
        }
        bad
    })
}

/// Where a comma outside quotes may have split the record, said after why it cannot be
/// read: a spreadsheet exported an address ("Số 75 đường Trần Phú, khóm 2") unquoted, and
/// "16 fields" or "confidential is not yes/no" alone sends the operator hunting. Columns
/// only, never the values (they may hold the reporter's name). Empty when no join of the
/// split field reads (`intake::unquoted_comma_in`).
fn comma_hint(record: &csv::ByteRecord, columns: &[Option<Column>], delimiter: u8) -> Localized {
    let fields: Option<Vec<&str>> = record.iter().map(|f| std::str::from_utf8(f).ok()).collect();
    let separator = char::from(delimiter);
    let found = fields
        .map(|f| crate::domain::intake::unquoted_comma_in(&f, columns, separator))
        .unwrap_or_default();
    let names: Vec<&str> = found.iter().map(|c| c.name()).collect();
    crate::output::ingest::comma_hint(&names, separator)
}

/// Reads JSON Lines, each line's object made a report by `convert`.
fn read_jsonl<R: BufRead>(reader: R, sink: &mut Sink<'_>, convert: &mut Convert<'_>) -> Result<()> {
    let mut lines = bounded::Lines::new(reader);
    let mut buf = Vec::new();
    loop {
        let (line, report) = match lines.next(&mut buf)? {
            Next::End => return Ok(()),
            Next::TooLong { line, .. } => (
                line,
                Err(Bad::new(
                    "record_too_long",
                    crate::output::ingest::record_too_long(bounded::RECORD_LIMIT),
                )),
            ),
            Next::Record { line } => match std::str::from_utf8(&buf) {
                Err(e) => (line, Err(not_utf8(None, e))),
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => (
                    line,
                    match serde_json::from_str::<OnceEach>(text) {
                        Ok(record) => record.convert(convert),
                        Err(e) => Err(json_error(&e, text.as_bytes(), None)),
                    },
                ),
            },
        };
        sink(Item {
            line,
            record: None,
            report,
        })?;
    }
}

/// A JSON record as read, and the first of its keys given twice, if any. serde_json keeps
/// the last value of a repeated key, so `"confidential":true,"confidential":false` read as
/// not confidential (Đ9.2): a record that both asks for secrecy and does not cannot be read
/// either way, as a CSV header repeating a column cannot. Only the record's own keys
/// matter: nested values are not its fields.
struct OnceEach {
    value: serde_json::Value,
    doubled: Option<String>,
}

impl OnceEach {
    /// The report, or why not: a doubled key before anything `convert` says.
    fn convert(self, convert: &mut Convert<'_>) -> Result<Report, Bad> {
        match self.doubled {
            Some(key) => Err(Bad::new(
                "doubled_key",
                say::doubled_key(&key.chars().take(40).collect::<String>()),
            )),
            None => convert(&self.value),
        }
    }
}

impl<'de> serde::Deserialize<'de> for OnceEach {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OnceEachVisitor)
    }
}

struct OnceEachVisitor;

impl<'de> serde::de::Visitor<'de> for OnceEachVisitor {
    type Value = OnceEach;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<OnceEach, A::Error> {
        let mut object = serde_json::Map::new();
        let mut doubled = None;
        while let Some(key) = map.next_key::<String>()? {
            let value: serde_json::Value = map.next_value()?;
            if object.contains_key(&key) {
                doubled.get_or_insert(key);
            } else {
                object.insert(key, value);
            }
        }
        Ok(OnceEach {
            value: serde_json::Value::Object(object),
            doubled,
        })
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<OnceEach, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_json::Value>()? {
            items.push(item);
        }
        Ok(OnceEach::plain(serde_json::Value::Array(items)))
    }

    fn visit_bool<E>(self, v: bool) -> Result<OnceEach, E> {
        Ok(OnceEach::plain(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<OnceEach, E> {
        Ok(OnceEach::plain(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<OnceEach, E> {
        Ok(OnceEach::plain(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<OnceEach, E> {
        Ok(OnceEach::plain(v.into()))
    }

    fn visit_str<E>(self, v: &str) -> Result<OnceEach, E> {
        Ok(OnceEach::plain(v.into()))
    }

    fn visit_unit<E>(self) -> Result<OnceEach, E> {
        Ok(OnceEach::plain(serde_json::Value::Null))
    }
}

impl OnceEach {
    fn plain(value: serde_json::Value) -> OnceEach {
        OnceEach {
            value,
            doubled: None,
        }
    }
}

/// Marks, among the warned field names, that the Open311 hint was given (no field has this
/// name: it starts with a NUL).
const OPEN311_HINT: &str = "\u{0}open311";

/// Turns one element of a JSON array into a report, or says why not.
type Convert<'c> = dyn FnMut(&serde_json::Value) -> Result<Report, Bad> + 'c;

/// Streams a JSON array element by element (a file of any size in flat memory, each
/// element bounded: `app::bounded`), each one made a report by `convert`; whether it closed
/// after a comma (said by the caller). An element too
/// long is one malformed record and the next is read (the scan knows where it ends); a
/// syntax error, in an element or between them, ends the file as one malformed record.
/// Each record is named by the line of the file it starts on, as a CSV's or a JSON Lines
/// file's is: "a.json:2" said the second record, which an editor shows on line 21 of an
/// indented array, and `show` listed it as "Dòng 2". A fault is named by its own line.
fn read_json_array<R: BufRead>(
    reader: R,
    sink: &mut Sink<'_>,
    convert: &mut Convert<'_>,
) -> Result<bool> {
    let mut array = bounded::ArrayElements::new(reader);
    let mut buf = Vec::new();
    let mut count = 0u64;
    loop {
        // The record this element is, or the one a fault stops the file at.
        let record = Some(count + 1);
        let (line, report) = match array.next(&mut buf)? {
            Element::End => return Ok(array.trailing_comma()),
            Element::Value { line } => match serde_json::from_slice::<OnceEach>(&buf) {
                Ok(record) => (line, record.convert(convert)),
                Err(e) => {
                    // As a broken array: what follows a syntax error is not trusted.
                    let bad = json_error(&e, &buf, Some(line));
                    let at = line + e.line().saturating_sub(1) as u64;
                    sink(Item {
                        line: at,
                        record,
                        report: Err(bad),
                    })?;
                    return Ok(false);
                }
            },
            Element::TooLong { line } => (
                line,
                Err(Bad::new(
                    "record_too_long",
                    crate::output::ingest::record_too_long(bounded::RECORD_LIMIT),
                )),
            ),
            Element::Broken { line, what } => {
                sink(Item {
                    line,
                    record,
                    report: Err(Bad::new(
                        "json_syntax",
                        crate::output::ingest::json_syntax(
                            &crate::output::ingest::array_broken(what),
                            crate::output::ingest::JsonAt::Line(line),
                        ),
                    )),
                })?;
                return Ok(false);
            }
        };
        count += 1;
        sink(Item {
            line,
            record,
            report,
        })?;
    }
}

/// A JSON object's values as the text the intake parser reads: strings as they are,
/// numbers and booleans written out, a `media` array joined with `|`.
fn json_report(
    value: &serde_json::Value,
    name: &str,
    lang: Lang,
    unknown: &mut BTreeSet<String>,
) -> Result<Report, Bad> {
    let serde_json::Value::Object(object) = value else {
        return Err(Bad::new(
            "not_an_object",
            crate::output::ingest::not_a_report_object(),
        ));
    };
    // A GeoReport response read as our own JSON fails on every record ("external_id"
    // missing); the first one that looks like it says which format to ask for, once.
    if !object.contains_key("external_id")
        && object.contains_key("service_request_id")
        && unknown.insert(OPEN311_HINT.to_owned())
    {
        warn(name, crate::output::ingest::looks_like_open311().text(lang));
    }
    let mut texts: [String; 15] = Default::default();
    // A value no text of the app's file is (an object, or a list where one text is
    // expected): turned into text, `{"first":…}` would be stored as the reporter's name
    // and a list of sentences joined with `|` as the content. Refused, naming the field.
    let mut mistyped_value: Option<(Column, bool)> = None;
    for (key, value) in object {
        let Some(column) = Column::parse(key) else {
            // An object holding fields the record needs (another layout of the app's
            // file): refused below, naming them, rather than dropped with one line.
            if let serde_json::Value::Object(inner) = value {
                let held: Vec<&str> =
                    crate::domain::intake::nested_columns(key, inner.keys().map(String::as_str))
                        .into_iter()
                        .map(Column::name)
                        .filter(|c| !object.contains_key(*c))
                        .collect();
                if !held.is_empty() {
                    let key: String = key.chars().take(40).collect();
                    return Err(Bad::new(
                        "nested_field",
                        crate::output::ingest::nested_fields(&key, &held),
                    ));
                }
            }
            if unknown.insert(key.clone()) {
                let key: String = key.chars().take(40).collect();
                warn(name, crate::output::ingest::unknown_field(&key).text(lang));
            }
            continue;
        };
        texts[column.index()] = match value {
            serde_json::Value::Number(number) if column == Column::ReporterPhone => {
                phone_number_text(number)
            }
            // An id JSON can only read as a float (a fraction, an exponent, or an integer
            // past 64 bits): its digits as written are gone before phananh sees them, and
            // `20261030000123456789` was refused as an id Excel had turned into an exponent,
            // quoting digits that were not in the file.
            serde_json::Value::Number(number)
                if column == Column::ExternalId && number.is_f64() =>
            {
                return Err(Bad::new(
                    "id_not_integer",
                    crate::output::ingest::id_json_float(),
                ));
            }
            serde_json::Value::Array(items)
                if column == Column::Media && items.iter().all(|i| !is_structure(i)) =>
            {
                items
                    .iter()
                    .map(crate::output::scalar)
                    .collect::<Vec<_>>()
                    .join("|")
            }
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                mistyped_value.get_or_insert((column, value.is_object()));
                continue;
            }
            other => crate::output::scalar(other),
        };
    }
    if let Some((column, object)) = mistyped_value {
        return Err(Bad::new(
            "wrong_type",
            crate::output::ingest::wrong_json_type(column.name(), object),
        ));
    }
    // A known field's name mistyped ("confidental") would drop that field of this report
    // silently, its confidentiality (Đ9.2) say: as for a CSV header, a name one or two
    // edits from a field the record lacks is taken for that mistake, and the record is
    // not stored until it is corrected.
    let mistyped: Vec<(String, &str)> = object
        .keys()
        .filter(|key| Column::parse(key).is_none())
        .filter_map(|key| {
            let folded = key.trim().to_ascii_lowercase();
            Column::ALL
                .into_iter()
                .filter(|c| !object.contains_key(c.name()))
                .find(|c| crate::domain::text::edit_distance(&folded, c.name()) <= 2)
                .map(|c| (key.chars().take(40).collect(), c.name()))
        })
        .collect();
    if !mistyped.is_empty() {
        return Err(Bad::new(
            "mistyped_field",
            crate::output::ingest::mistyped_fields(&mistyped),
        ));
    }
    let raw: RawRecord<'_> = std::array::from_fn(|i| texts[i].as_str());
    parse_record(&raw).map_err(malformed)
}

/// Whether a JSON value is an object or an array: never one text of a record.
fn is_structure(value: &serde_json::Value) -> bool {
    value.is_object() || value.is_array()
}

/// A phone the file gives as a JSON number, as the intake reads it: an integer as written
/// ("912345678": its leading 0 lost, `lost_leading_zero`), any other number in scientific
/// notation. Such a number went through a spreadsheet or a float: `9.12E+08` in the file
/// is parsed to 912000000.0 and would otherwise read as digits, its lost digits unseen;
/// written so, `excel_exponent` sets the record aside as it does the text "9.12E+08".
fn phone_number_text(number: &serde_json::Number) -> String {
    match number.as_f64() {
        Some(float) if number.is_f64() => format!("{float:E}"),
        _ => number.to_string(),
    }
}

/// Reads the service requests of an Open311 GeoReport v2 file (`domain::open311`), with
/// the operator's service codes; warns once per file about each unknown service code (kept
/// as the category hint, not an error) and each field the standard does not have.
struct Open311Reader<'n> {
    name: &'n str,
    lang: Lang,
    services: ServiceMap,
    unknown_codes: BTreeSet<String>,
    unknown_fields: BTreeSet<String>,
}

impl<'n> Open311Reader<'n> {
    /// The service map (the service codes, and the field codes a request may name instead)
    /// is judged against the log and read in one snapshot (or the caller's transaction),
    /// refused (exit 5) while a row is not what the log sealed
    /// (`app::audit::unvouched_service_map`).
    fn new(conn: &Connection, name: &'n str, lang: Lang) -> Result<Self> {
        let _read = if conn.is_autocommit() {
            Some(crate::storage::tx::snapshot(conn)?)
        } else {
            None
        };
        if let Some(problem) = crate::app::audit::unvouched_service_map(conn)? {
            return Err(crate::exit::Failure::integrity(
                crate::output::ingest::service_map_unvouched(&problem),
            )
            .into());
        }
        Ok(Open311Reader {
            name,
            lang,
            services: crate::storage::open311::service_map(conn)?,
            unknown_codes: BTreeSet::new(),
            unknown_fields: BTreeSet::new(),
        })
    }

    fn report(&mut self, value: &serde_json::Value) -> Result<Report, Bad> {
        let serde_json::Value::Object(object) = value else {
            return Err(Bad::new(
                "not_an_object",
                crate::output::ingest::not_a_request_object(),
            ));
        };
        for key in object.keys() {
            if !open311::is_known_field(key) && self.unknown_fields.insert(key.clone()) {
                let key: String = key.chars().take(40).collect();
                warn(
                    self.name,
                    crate::output::ingest::not_georeport_field(&key).text(self.lang),
                );
            }
        }
        let value_of = |key: &str| match object.get(key) {
            Some(serde_json::Value::Number(number)) if key == "phone" => phone_number_text(number),
            // A list of media (not the standard, but some systems send one) keeps them all.
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .map(crate::output::scalar)
                .collect::<Vec<_>>()
                .join("|"),
            Some(other) => crate::output::scalar(other),
            None => String::new(),
        };
        let incoming = open311::read_request(&value_of, &self.services).map_err(malformed)?;
        if let Some(code) = incoming.unknown_service_code
            && self.unknown_codes.insert(code.clone())
        {
            let code: String = code.chars().take(40).collect();
            warn(
                self.name,
                crate::output::ingest::unmapped_service_code(&code).text(self.lang),
            );
        }
        Ok(incoming.report)
    }
}

/// A warning about a file on stderr; its name and what it said are quoted without control
/// characters (`output::say`).
fn warn(name: &str, text: &str) {
    crate::output::say(&format!("{name}: {text}"));
}

/// `std::str::from_utf8`, checked with SIMD: citizens' Vietnamese is mostly multi-byte, where
/// the standard check's ASCII shortcut does not help and it took a tenth of a load's reading
/// thread. The standard check runs again only on bad input, for the error's position.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

fn not_utf8(column: Option<Column>, e: std::str::Utf8Error) -> Bad {
    let byte = e.valid_up_to() + 1;
    Bad::new(
        "not_utf8",
        crate::output::ingest::not_utf8(column.map(Column::name), byte),
    )
}

/// A JSON syntax error, positioned: within the line for JSON Lines, by the file's line for
/// an element of an array (`start`: the line the element starts on). `text` is what was
/// parsed: the column is counted in its characters, as an editor shows it, not in bytes (a
/// line of Vietnamese text had "column 100" on a line of 92 characters).
fn json_error(e: &serde_json::Error, text: &[u8], start: Option<u64>) -> Bad {
    use crate::output::ingest::JsonAt;
    let at = match start {
        None => match char_column(e, text) {
            Some(column) if !e.is_eof() => JsonAt::Column(column),
            _ => JsonAt::Nowhere,
        },
        // The element was parsed alone: its position counts from the element's line.
        Some(start) => JsonAt::Line(start + e.line().saturating_sub(1) as u64),
    };
    Bad::new(
        "json_syntax",
        crate::output::ingest::json_syntax(&json_what(e, text), at),
    )
}

/// The 1-based column, in characters, of serde_json's position (a column in bytes of the
/// line it names); `None` when that is not a position in `text`.
fn char_column(e: &serde_json::Error, text: &[u8]) -> Option<usize> {
    let line = text.split(|&b| b == b'\n').nth(e.line().checked_sub(1)?)?;
    let bytes = e.column().min(line.len());
    let before = String::from_utf8_lossy(&line[..bytes]);
    Some(before.chars().count().max(1))
}

/// The byte serde_json stopped at, if it is in `text`.
fn byte_at(e: &serde_json::Error, text: &[u8]) -> Option<u8> {
    let line = text.split(|&b| b == b'\n').nth(e.line().checked_sub(1)?)?;
    line.get(e.column().checked_sub(1)?).copied()
}

/// What serde_json found wrong, in words an operator reads in either language
/// (`output::ingest::json_fault`), with the byte it stopped at.
fn json_what(e: &serde_json::Error, text: &[u8]) -> Localized {
    // serde_json appends "at line L column C"; the position is given our own way instead.
    let full = e.to_string();
    let said = full.split(" at line ").next().unwrap_or(&full);
    crate::output::ingest::json_fault(said, byte_at(e, text))
}

/// With `--validate`, once the run's files are loaded: which of the reports it accepted may
/// be an earlier report sent again (`validate::possible_repeats`, under the same bound as a
/// `validate` run, counting the whole run's), each put in its file's summary. The desk that
/// loads and checks in one command never saw `validate`'s hint.
pub fn possible_repeats(conn: &Connection, summaries: &mut [FileSummary]) -> Result<()> {
    let accepted: Vec<i64> = summaries
        .iter()
        .flat_map(|s| s.accepted_ids.iter().copied())
        .collect();
    let Some(found) = crate::app::validate::possible_repeats(conn, &accepted)? else {
        return Ok(());
    };
    for summary in summaries {
        let own: std::collections::HashSet<i64> = summary.accepted_ids.iter().copied().collect();
        summary.possible_repeats = Some(
            found
                .iter()
                .filter(|(id, _)| own.contains(id))
                .map(|&(id, repeat_of)| crate::output::ingest::PossibleRepeat { id, repeat_of })
                .collect(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Format;

    /// A header line past the bound is refused once the bound is passed, and the rest of
    /// the file is left unread: the refusal read all of a 300 MB line first, seconds of a
    /// cron job's time and of a pipe's writer's, to say what the first 512 KiB already said.
    #[test]
    fn a_header_past_the_bound_is_refused_without_reading_the_rest() {
        use std::io::Read;
        let total: u64 = 32 * bounded::RECORD_LIMIT as u64;
        let mut reader = std::io::BufReader::new(
            (&b"external_id,submitted_at,"[..]).chain(std::io::repeat(b'z').take(total)),
        );
        let Err(refused) = read_header(&mut reader, "a.csv") else {
            panic!("a header past the bound was read");
        };
        assert!(refused.to_string().contains("512 KiB"), "{refused}");
        let left = reader.get_ref().get_ref().1.limit();
        assert!(
            left > total - 4 * bounded::RECORD_LIMIT as u64,
            "read {} bytes of the header",
            total - left
        );
    }

    fn json_message(line: &str) -> (String, String) {
        let e = serde_json::from_str::<serde_json::Value>(line).unwrap_err();
        let bad = json_error(&e, line.as_bytes(), None);
        (bad.text.vi.clone(), bad.text.en.clone())
    }

    /// A JSON Lines syntax error was serde_json's English with a column
    /// in bytes, past the end of a line of Vietnamese text.
    #[test]
    fn a_json_lines_syntax_error_is_said_in_vietnamese_at_a_column_in_characters() {
        let line = r#"{"external_id":"J-1","submitted_at":"2026-11-04T07:00:00+07:00","content":"Đèn đường hỏng",}"#;
        assert_eq!(line.chars().count(), 92);
        assert_eq!(line.chars().nth(91), Some('}'));
        let (vi, en) = json_message(line);
        assert_eq!(vi, "lỗi cú pháp JSON ở cột 92: dấu phẩy thừa trước `}`");
        assert_eq!(
            en,
            "JSON syntax error at column 92: a comma too many before `}`"
        );
        let cases = [
            (r#"{"a": 1"#, "hết dòng khi đối tượng chưa đóng (thiếu `}`)"),
            (
                r#"{"a": [1, 2"#,
                "hết dòng khi danh sách chưa đóng (thiếu `]`)",
            ),
            (r#"{"a": "Đèn"#, "hết dòng khi chuỗi chưa đóng"),
            (r#"{"a": }"#, "cột 7: cần một giá trị"),
            (r#"{"a": "Đ\q"}"#, r"ký tự thoát sau `\` không hợp lệ"),
            (r#"{"a" 1}"#, "thiếu dấu `:`"),
            (r#"{"a": 1 "b": 2}"#, "cần `,` hoặc `}`"),
            (r#"{"a": [1,]}"#, "dấu phẩy thừa trước `]`"),
            (r#"{"a": tru}"#, "từ không hợp lệ"),
            (r"{a: 1}", "tên trường phải nằm trong dấu `\"`"),
            (r#"{"a": 1} x"#, "còn ký tự sau khi đối tượng đã đóng"),
            ("{\"a\": \"x\ty\"}", "ký tự điều khiển"),
        ];
        for (line, said) in cases {
            let (vi, en) = json_message(line);
            assert!(vi.contains(said), "{line}: {vi}");
            // Neither language quotes serde_json's English wording.
            for english in ["EOF", "expected", "trailing", "invalid", "found while"] {
                assert!(!vi.contains(english), "{line}: {vi}");
            }
            assert!(!en.contains("EOF while"), "{line}: {en}");
        }
    }

    /// Every text a JSON or UTF-8 fault of a record is said in, whole in both languages:
    /// each of serde_json's faults named in words of our own, one not listed quoted as the
    /// reader's, at a column, at a line of an array, at no position; a line or a column that
    /// is not UTF-8.
    #[test]
    fn each_json_and_utf8_fault_is_worded_whole_in_both_languages() {
        let texts = |bad: Bad| format!("{}\n{}", bad.text.vi, bad.text.en);
        let mut said = Vec::new();
        for line in [
            r#"{"a": 1"#,
            r#"{"a": [1, 2"#,
            r#"{"a": "Đèn"#,
            r#"{"a": "#,
            r#"{"a": [1,]}"#,
            r#"{"a": 1,}"#,
            r#"{"a": 1} x"#,
            r#"{"a": }"#,
            r#"{"a": tru}"#,
            r#"{"a" 1}"#,
            r#"{"a": 1 "b": 2}"#,
            r#"{"a": [1 2]}"#,
            r"{a: 1}",
            r#"{"a": "Đ\q"}"#,
            r#"{"a": 1e999999}"#,
            r#"{"a": "\uDZ00"}"#,
            r#"{"a": -}"#,
            r#"{"a": "\uDC00"}"#,
            "{\"a\": \"x\ty\"}",
            &"[".repeat(200),
        ] {
            let e = serde_json::from_str::<serde_json::Value>(line).unwrap_err();
            said.push(texts(json_error(&e, line.as_bytes(), None)));
        }
        let element = "{\n\"a\": tru}";
        let e = serde_json::from_str::<serde_json::Value>(element).unwrap_err();
        said.push(texts(json_error(&e, element.as_bytes(), Some(40))));
        let e = serde_json::from_str::<Vec<u8>>("[300]").unwrap_err();
        said.push(texts(json_error(&e, b"[300]", None)));
        let bytes = vec![b'a', b'b', 0xff, b'c', b'd'];
        let e = std::str::from_utf8(&bytes).unwrap_err();
        said.push(texts(not_utf8(None, e)));
        said.push(texts(not_utf8(Some(Column::Content), e)));
        let expected = [
            "lỗi cú pháp JSON: hết dòng khi đối tượng chưa đóng (thiếu `}`)\nJSON syntax error: the line ends before the object is closed (`}` missing)",
            "lỗi cú pháp JSON: hết dòng khi danh sách chưa đóng (thiếu `]`)\nJSON syntax error: the line ends before the list is closed (`]` missing)",
            "lỗi cú pháp JSON: hết dòng khi chuỗi chưa đóng (thiếu `\"`)\nJSON syntax error: the line ends inside a string (closing `\"` missing)",
            "lỗi cú pháp JSON: hết dòng khi còn thiếu một giá trị\nJSON syntax error: the line ends where a value was expected",
            "lỗi cú pháp JSON ở cột 10: dấu phẩy thừa trước `]`\nJSON syntax error at column 10: a comma too many before `]`",
            "lỗi cú pháp JSON ở cột 9: dấu phẩy thừa trước `}`\nJSON syntax error at column 9: a comma too many before `}`",
            "lỗi cú pháp JSON ở cột 10: còn ký tự sau khi đối tượng đã đóng\nJSON syntax error at column 10: characters after the object was closed",
            "lỗi cú pháp JSON ở cột 7: cần một giá trị (chuỗi trong `\"…\"`, số, true, false, null, `[` hoặc `{`)\nJSON syntax error at column 7: a value was expected (a string in `\"…\"`, a number, true, false, null, `[` or `{`)",
            "lỗi cú pháp JSON ở cột 10: từ không hợp lệ (chỉ có true, false, null; chuỗi phải trong `\"…\"`)\nJSON syntax error at column 10: unknown word (only true, false, null; a string goes in `\"…\"`)",
            "lỗi cú pháp JSON ở cột 6: thiếu dấu `:` sau tên trường\nJSON syntax error at column 6: `:` missing after a key",
            "lỗi cú pháp JSON ở cột 9: cần `,` hoặc `}` sau một giá trị\nJSON syntax error at column 9: `,` or `}` expected after a value",
            "lỗi cú pháp JSON ở cột 10: cần `,` hoặc `]` sau một phần tử danh sách\nJSON syntax error at column 10: `,` or `]` expected after a list element",
            "lỗi cú pháp JSON ở cột 2: tên trường phải nằm trong dấu `\"`\nJSON syntax error at column 2: a key must be a string in `\"`",
            "lỗi cú pháp JSON ở cột 10: ký tự thoát sau `\\` không hợp lệ (viết `\\\\` cho một dấu `\\`)\nJSON syntax error at column 10: invalid escape after `\\` (write `\\\\` for one `\\`)",
            "lỗi cú pháp JSON ở cột 14: số quá lớn\nJSON syntax error at column 14: number out of range",
            "lỗi cú pháp JSON ở cột 13: ký tự thoát sau `\\` không hợp lệ (viết `\\\\` cho một dấu `\\`)\nJSON syntax error at column 13: invalid escape after `\\` (write `\\\\` for one `\\`)",
            "lỗi cú pháp JSON ở cột 8: số không hợp lệ\nJSON syntax error at column 8: invalid number",
            "lỗi cú pháp JSON ở cột 13: mã `\\u` không hợp lệ trong chuỗi\nJSON syntax error at column 13: invalid `\\u` escape in a string",
            "lỗi cú pháp JSON ở cột 9: chuỗi có ký tự điều khiển (như tab, xuống dòng) chưa viết thành `\\t`, `\\n`\nJSON syntax error at column 9: a string holds a control character (a tab, a line break) not written as `\\t`, `\\n`",
            "lỗi cú pháp JSON ở cột 128: lồng quá sâu (quá nhiều `[` hoặc `{` lồng nhau)\nJSON syntax error at column 128: nested too deep (too many `[` or `{` inside each other)",
            "lỗi cú pháp JSON ở dòng 41: từ không hợp lệ (chỉ có true, false, null; chuỗi phải trong `\"…\"`); các bản ghi sau đó không được đọc\nJSON syntax error at line 41: unknown word (only true, false, null; a string goes in `\"…\"`); records after it were not read",
            "lỗi cú pháp JSON ở cột 4: invalid value: integer `300`, expected u8 (lỗi của bộ đọc JSON)\nJSON syntax error at column 4: invalid value: integer `300`, expected u8",
            "dòng không phải UTF-8 hợp lệ (byte 3); hãy lưu tệp dạng UTF-8\nnot valid UTF-8 (byte 3); save the file as UTF-8",
            "cột content không phải UTF-8 hợp lệ (byte 3); hãy lưu tệp dạng UTF-8\ncolumn content is not valid UTF-8 (byte 3); save the file as UTF-8",
        ];
        assert_eq!(said.join("\n\n"), expected.join("\n\n"));
    }

    /// Every refusal of a CSV file's header and every fault of a CSV record's shape, whole
    /// in both languages: a header not UTF-8, too long, without a column every record
    /// needs (with the hint for another separator), with a column twice, a mistyped name or
    /// no column the reception check reads; a record of the wrong length (with the hint
    /// for an unquoted comma), a quote never closed.
    #[test]
    fn each_csv_header_and_shape_fault_is_worded_whole_in_both_languages() {
        let texts = |l: &Localized| format!("{}\n{}", l.vi, l.en);
        let header = |line: &[u8]| {
            let mut record = csv::ByteRecord::new();
            for field in line.split(|&b| b == b',') {
                record.push_field(field);
            }
            match header_columns(&record, "a.csv") {
                Ok(_) => "accepted".to_owned(),
                Err(refused) => texts(&refused),
            }
        };
        let full = b"external_id,submitted_at,occurred_at,content,media,latitude,longitude,address,commune,reporter_name,reporter_phone,confidential,consent,urgent,category_hint";
        let mut said = vec![
            header(b"external_id,submitted_at,\xff"),
            header(b"submitted_at,content"),
            header(b"external_id;submitted_at;content"),
            header(b"external_id,submitted_at,content,content,media,media"),
            header(b"external_id,submitted_at,occurred_at,content,media,address,reporter_name,reporter_phone,confidental"),
            header(b"external_id,submitted_at,content"),
            header(full),
        ];
        let long = format!("external_id,{}\n", "x".repeat(bounded::RECORD_LIMIT));
        said.push(match read_header(long.as_bytes(), "a.csv") {
            Err(refused) => texts(&refused),
            Ok(_) => "accepted".to_owned(),
        });
        let mut record = csv::ByteRecord::new();
        for field in full.split(|&b| b == b',') {
            record.push_field(field);
        }
        let columns = header_columns(&record, "a.csv").unwrap().columns;
        let row = |fields: &[&str]| {
            let mut record = csv::ByteRecord::new();
            for field in fields {
                record.push_field(field.as_bytes());
            }
            match csv_report(&record, &columns, b',') {
                Err(bad) => texts(&bad.text),
                Ok(_) => "read".to_owned(),
            }
        };
        said.push(row(&["A-1", "2026-08-01T03:52:47+07:00"]));
        // An address split at its comma (" khóm 2"): with a trailing field, one too many;
        // without it, the right count with every later cell one column off.
        let cells = |id| {
            [
                id,
                "2026-08-01T03:52:47+07:00",
                "01/08/2026 02:56:47",
                "Tại khóm 2, phường Bạc Liêu có công trình nhà ở đang xây dựng không phép.",
                "https://camau-g.camau.gov.vn/media/2026/08/67d3fee763f38fdf.jpg",
                "9.272781",
                "105.721202",
                "Số 75 đường Trần Phú",
                " khóm 2",
                "Phường Bạc Liêu",
                "Trần Chí Hiếu",
                "0912000009",
                "0",
                "1",
                "0",
            ]
        };
        said.push(row(&[&cells("A-1")[..], &[""]].concat()));
        said.push(row(&cells("A-2")));
        said.push(texts(&unclosed_quote(12).text));
        let expected = [
            "a.csv: dòng tiêu đề không phải UTF-8; hãy lưu tệp dạng UTF-8.\na.csv: the header line is not UTF-8; save the file as UTF-8",
            "a.csv: thiếu cột external_id trong dòng tiêu đề; không nạp gì từ tệp này.\na.csv: the header has no external_id column; nothing was loaded from this file.",
            "a.csv: thiếu cột external_id, submitted_at trong dòng tiêu đề; không nạp gì từ tệp này. Dòng tiêu đề có dấu ';', tab hoặc '|' mà không tách được thành cột: hãy xuất lại dạng “CSV UTF-8 (phân cách bằng dấu phẩy)”.\na.csv: the header has no external_id, submitted_at columns; nothing was loaded from this file. The header holds ';', tabs or '|' but no column could be told apart: export it again as \"CSV UTF-8 (comma delimited)\".",
            "a.csv: dòng tiêu đề có cột content, media hai lần (không biết bản nào là của phản ánh); không nạp gì từ tệp này. Hãy xóa cột thừa rồi nạp lại.\na.csv: the header has the column content, media twice (which copy is the report's?); nothing was loaded from this file. Remove the extra column and ingest it again",
            "a.csv: dòng tiêu đề có cột gần giống tên cột đã biết mà thiếu (\"confidental\" → confidential): nếu nạp, cột ấy bị bỏ qua ở mọi phản ánh. Không nạp gì từ tệp này; hãy sửa tên cột rồi nạp lại.\na.csv: the header has columns close to known ones it lacks (\"confidental\" → confidential): loaded as they are, those would be ignored in every report. Nothing was loaded from this file; correct the column names and ingest it again",
            "a.csv: thiếu cột media, occurred_at, reporter_name, reporter_phone, address|commune|latitude+longitude: thiếu chúng thì bước tiếp nhận (Điều 6) từ chối mọi phản ánh của tệp, và không sửa được bằng cách nạp lại (phản ánh đã lưu được bỏ qua). Không nạp gì từ tệp này; hãy xuất lại tệp đủ các cột (thêm cột trống nếu ứng dụng thật sự không có dữ liệu đó) rồi nạp lại.\na.csv: no media, occurred_at, reporter_name, reporter_phone, address|commune|latitude+longitude column: without them the reception check (Article 6) rejects every report of the file, and ingesting a fixed file again cannot mend it (stored reports are skipped). Nothing was loaded from this file; export it again with every column (an empty column if the app really has no such data), then ingest it",
            "accepted",
            "a.csv: dòng tiêu đề dài hơn 512 KiB; đây không phải tệp xuất phản ánh (hay thiếu dấu xuống dòng?). Không nạp gì từ tệp này.\na.csv: the header line is longer than 512 KiB; this is not an export of reports (or its line ends are missing). Nothing was loaded from this file",
            "cần 15 trường như dòng tiêu đề, có 2\nexpected 15 fields as in the header, found 2",
            "cần 15 trường như dòng tiêu đề, có 16 (có vẻ ô address hoặc commune hoặc reporter_name chứa dấu phẩy mà không nằm trong ngoặc kép, nên bị tách làm hai; hãy đặt ô ấy trong ngoặc kép \"…\" rồi nạp lại)\nexpected 15 fields as in the header, found 16 (the address or commune or reporter_name cell seems to hold a comma outside quotes, which split it in two; put that cell in double quotes \"…\" and ingest it again)",
            "confidential: “[đã ẩn]” không phải giá trị có/không (dùng 1/0, true/false, có/không) (có vẻ ô address hoặc commune hoặc reporter_name chứa dấu phẩy mà không nằm trong ngoặc kép, nên bị tách làm hai; hãy đặt ô ấy trong ngoặc kép \"…\" rồi nạp lại)\nconfidential: \"[đã ẩn]\" is not a yes/no value (use 1/0, true/false, có/không) (the address or commune or reporter_name cell seems to hold a comma outside quotes, which split it in two; put that cell in double quotes \"…\" and ingest it again)",
            "một trường trong ngoặc kép mở ở dòng 12 không được đóng trước khi hết tệp (tệp xuất bị cắt?); hãy kiểm tra dấu ngoặc kép ở dòng đó\na quoted field opened on line 12 is never closed before the end of the file (truncated export?); check the quotes on that line",
        ];
        assert_eq!(said.join("\n\n"), expected.join("\n\n"));
    }

    /// The words of each fault's code in the summary by reason, in both languages; a code
    /// it does not know is said as it is.
    #[test]
    fn each_reason_is_labelled_in_both_languages() {
        let said: Vec<String> = [
            "missing_required",
            "bad_time",
            "bad_number",
            "out_of_range",
            "bad_boolean",
            "too_long",
            "record_too_long",
            "nul_byte",
            "field_count",
            "not_utf8",
            "csv_syntax",
            "unclosed_quote",
            "json_syntax",
            "bad_id",
            "id_names_reporter",
            "conflict",
            "unknown_format",
            "not_a_file",
            "foreign_file",
            "cannot_open",
            "bad_header",
            "not_an_object",
            "mistyped_field",
            "impossible_time",
            "cut_last_line",
            "something_new",
        ]
        .iter()
        .map(|code| {
            format!(
                "{code}: {} / {}",
                reason_label(code, Lang::Vi),
                reason_label(code, Lang::En)
            )
        })
        .collect();
        let expected = [
            "missing_required: thiếu trường bắt buộc / required field empty",
            "bad_time: thời gian không đọc được / unreadable time",
            "bad_number: số không đọc được / unreadable number",
            "out_of_range: số ngoài khoảng / number out of range",
            "bad_boolean: giá trị có/không sai / bad yes/no value",
            "too_long: quá dài / too long",
            "record_too_long: bản ghi quá dài / record too long",
            "nul_byte: có byte NUL / NUL byte",
            "field_count: sai số trường / wrong number of fields",
            "not_utf8: không phải UTF-8 / not UTF-8",
            "csv_syntax: CSV hỏng / broken CSV",
            "unclosed_quote: ngoặc kép không đóng / unclosed quote",
            "json_syntax: lỗi cú pháp JSON / JSON syntax error",
            "bad_id: mã có ký tự vô hình / invisible character in the id",
            "id_names_reporter: mã có họ tên, số điện thoại người phản ánh / the reporter's name or phone in the id",
            "conflict: trùng mã, khác nội dung / id already stored with other content",
            "unknown_format: không rõ định dạng / unknown format",
            "not_a_file: không phải tệp / not a file",
            "foreign_file: không phải tệp văn bản (tệp Excel, PDF, UTF-16, tệp nén) / not a text file (a workbook, a PDF, UTF-16, a compressed file)",
            "cannot_open: không mở được tệp / file cannot be opened",
            "bad_header: dòng tiêu đề không dùng được / unusable header",
            "not_an_object: không phải đối tượng JSON / not a JSON object",
            "mistyped_field: tên trường gõ sai / mistyped field name",
            "impossible_time: thời gian gửi không thể đúng / impossible submission time",
            "cut_last_line: dòng cuối không có dấu xuống dòng, có thể bị cắt / last line without a line end, may be cut short",
            "something_new: something_new / something_new",
        ];
        assert_eq!(said.join("\n"), expected.join("\n"));
    }

    /// Every row of the three tables a load writes, in id order.
    fn dump(conn: &Connection) -> Vec<String> {
        let mut rows = Vec::new();
        for table in ["reports", "events", "clocks"] {
            let mut select = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
                .unwrap();
            let columns = select.column_count();
            let mut result = select.query([]).unwrap();
            while let Some(row) = result.next().unwrap() {
                let values: Vec<rusqlite::types::Value> =
                    (0..columns).map(|i| row.get(i).unwrap()).collect();
                rows.push(format!("{table} {values:?}"));
            }
        }
        rows
    }

    /// An empty database at the latest schema, and a context with the clock pinned. The
    /// system clock each event records is stopped too, so that two loads compare seal for
    /// seal.
    fn database() -> (Connection, Context, tempfile::TempDir) {
        crate::storage::journal::FROZEN_CLOCK.with(|c| c.set(Some(1_796_000_000)));
        // The same keys and nonces in every load, so that two loads compare byte for byte.
        crate::storage::keyfile::FIXED_SEED.with(|c| c.set(Some([3; 32])));
        let mut conn = Connection::open_in_memory().unwrap();
        crate::storage::migrations::migrate(&mut conn).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("k.key");
        let master = crate::domain::vault::MasterKey::generate(
            &mut crate::domain::vault::Random::from_seed([1; 32]),
        );
        crate::storage::keyfile::create(&key, &master).unwrap();
        let ctx = Context {
            db: None,
            user: None,
            now: crate::domain::time::parse("2026-10-05T08:30:00+07:00")
                .unwrap()
                .unwrap(),
            format: Format::Json,
            lang: Lang::En,
            login: "tester".to_owned(),
            pinned: true,
            key_file: Some(key),
            csv: None,
            scratch: false,
            command: String::new(),
        };
        (conn, ctx, dir)
    }

    fn load_with(threads: Threads, input: &[u8], format: InputFormat) -> (String, Vec<String>) {
        let (conn, ctx, _keys) = database();
        let how = Load {
            actor: "admin",
            interactive: false,
            validate: true,
            errors: None,
        };
        let size = input.len() as u64;
        let summary = load(&conn, &ctx, "in", input, size, format, how, threads, false).unwrap();
        (serde_json::to_string(&summary).unwrap(), dump(&conn))
    }

    /// The reading thread hands records over in chunks; the database must not be able to
    /// tell: same rows, same events and seals, same clocks, same summary, malformed records
    /// and chunk boundaries included.
    #[test]
    fn two_threads_store_exactly_what_one_thread_stores() {
        let good = include_str!("../../examples/reports.csv");
        let bad = include_str!("../../examples/bad/wrong-columns.csv");
        let mut csv = good.to_owned();
        for (n, line) in bad.lines().skip(1).enumerate() {
            csv.push_str(line);
            csv.push('\n');
            // The same reports again, under new ids, so the file spans several chunks.
            for record in good.lines().skip(1 + n * 40).take(40) {
                csv.push_str(&record.replacen("CMG-", &format!("CMG-{n}-"), 1));
                csv.push('\n');
            }
        }
        let (summary, rows) = load_with(Threads::Two, csv.as_bytes(), InputFormat::Csv);
        assert!(rows.len() > 3 * 2 * CHUNK, "{} rows", rows.len());
        assert!(summary.contains("\"malformed\":"), "{summary}");
        assert_eq!(
            (summary.clone(), rows.clone()),
            load_with(Threads::One, csv.as_bytes(), InputFormat::Csv)
        );
        assert!(!summary.contains("\"malformed\":0"), "{summary}");

        let jsonl = include_bytes!("../../examples/reports-sample.jsonl");
        assert_eq!(
            load_with(Threads::Two, jsonl, InputFormat::Jsonl),
            load_with(Threads::One, jsonl, InputFormat::Jsonl)
        );
    }

    /// `DECIDING` and `has_place` are what `domain::validate` reads: blanking any one
    /// column of a report the check accepts changes its verdict exactly when the column is
    /// one of them (or one every record needs), and blanking every place does.
    #[test]
    fn deciding_columns_are_those_the_reception_check_reads() {
        let good = include_str!("../../examples/reports.csv");
        let mut reader = csv::Reader::from_reader(good.as_bytes());
        let header = reader.byte_headers().unwrap().clone();
        let columns = header_columns(&header, "t").unwrap().columns;
        let thresholds = LanguageThresholds::default();
        let judged = |record: &csv::ByteRecord| match csv_report(record, &columns, b',') {
            Ok(report) => crate::app::validate::reasons_for(&report, &thresholds).len(),
            Err(_) => usize::MAX,
        };
        let place = [
            Column::Address,
            Column::Commune,
            Column::Latitude,
            Column::Longitude,
        ];
        let complete = reader
            .byte_records()
            .map(Result::unwrap)
            .find(|r| {
                judged(r) == 0
                    && r.iter()
                        .zip(&columns)
                        .all(|(v, c)| !v.is_empty() || !c.is_some_and(|c| place.contains(&c)))
            })
            .expect("an accepted example report with every place column");
        let blank = |gone: &[Column]| -> csv::ByteRecord {
            complete
                .iter()
                .zip(&columns)
                .map(|(v, c)| {
                    if c.is_some_and(|c| gone.contains(&c)) {
                        &b""[..]
                    } else {
                        v
                    }
                })
                .collect()
        };
        for column in Column::ALL {
            let needed = DECIDING.contains(&column)
                || matches!(column, Column::ExternalId | Column::SubmittedAt);
            assert_eq!(judged(&blank(&[column])) > 0, needed, "{column:?}");
            assert!(has_place(|c| c != column), "{column:?}");
        }
        assert!(judged(&blank(&place)) > 0);
        assert!(!has_place(|c| !place.contains(&c)));
        // Coordinates are a place only as a pair.
        assert!(
            judged(&blank(&[
                Column::Address,
                Column::Commune,
                Column::Longitude
            ])) > 0
        );
        assert!(!has_place(|c| !matches!(
            c,
            Column::Address | Column::Commune | Column::Longitude
        )));
    }

    /// A header column in another case is the column; a repeated one is refused even so.
    #[test]
    fn header_columns_match_in_any_case_and_may_not_repeat() {
        let header = csv::ByteRecord::from(vec![
            "EXTERNAL_ID",
            "Submitted_At",
            "occurred_at",
            "content",
            "media",
            "commune",
            "reporter_name",
            "reporter_phone",
            "CONFIDENTIAL",
            "ghi_chu",
        ]);
        let found = header_columns(&header, "t").unwrap();
        assert_eq!(found.columns[0], Some(Column::ExternalId));
        assert_eq!(found.columns[1], Some(Column::SubmittedAt));
        assert_eq!(found.unknown, ["ghi_chu"]);
        let mut twice = header.clone();
        twice.push_field(b"Content");
        let said = header_columns(&twice, "t").unwrap_err();
        assert!(said.en.contains("the column content twice"), "{said}");
    }

    /// The reading thread guesses each report's id to hash it early. Reports already stored
    /// make every later guess wrong; the seals must still be those of the rows as stored.
    #[test]
    fn wrong_id_guesses_still_seal_the_stored_rows() {
        let good = include_str!("../../examples/reports.csv");
        let header = good.lines().next().unwrap();
        let rows: Vec<&str> = good.lines().skip(1).collect();
        let file = |range: std::ops::Range<usize>| {
            let mut text = format!("{header}\n");
            for row in &rows[range] {
                text.push_str(row);
                text.push('\n');
            }
            text
        };
        for validate in [false, true] {
            let (conn, ctx, _keys) = database();
            let how = Load {
                actor: "admin",
                interactive: false,
                validate,
                errors: None,
            };
            for part in [file(0..10), file(5..30)] {
                let input = part.as_bytes();
                let size = input.len() as u64;
                load(
                    &conn,
                    &ctx,
                    "in",
                    input,
                    size,
                    InputFormat::Csv,
                    how,
                    Threads::Two,
                    false,
                )
                .unwrap();
            }
            let stored: i64 = conn
                .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
                .unwrap();
            assert_eq!(stored, 30);
            assert_eq!(crate::app::audit::first_problem(&conn).unwrap(), None);
        }
    }

    /// Events recorded before and after must read the same: the payload is the text the
    /// earlier JSON map wrote, the submission time last.
    #[test]
    fn an_arrival_payload_is_the_text_the_json_map_wrote() {
        let submitted_at = "2026-10-01T07:19:38+07:00";
        for (file, line) in [("a.csv", 2), ("C:\\dữ liệu\\\"mới\".csv", u64::MAX)] {
            let map =
                serde_json::json!({ "file": file, "line": line, "submitted_at": submitted_at })
                    .to_string();
            let origin = None;
            let arrival = Arrival {
                file,
                line,
                origin,
                submitted_at,
            };
            assert_eq!(arrival.payload(), map);
        }
    }

    /// A file that cannot be read past its header stops the load with its error, and what
    /// the reading thread had handed over before is not half-stored.
    #[test]
    fn an_unreadable_header_is_the_error_with_two_threads() {
        let (conn, ctx, _keys) = database();
        let how = Load {
            actor: "admin",
            interactive: false,
            validate: false,
            errors: None,
        };
        let input = b"content,commune\nx,y\n";
        let err = load(
            &conn,
            &ctx,
            "in",
            &input[..],
            20,
            InputFormat::Csv,
            how,
            Threads::Two,
            false,
        )
        .unwrap_err();
        assert!(err.to_string().contains("external_id"), "{err}");
    }

    /// The kept ids answer for their key only (case and dashes aside), and stop at the
    /// byte budget: ids as long as intake allows stop near 12,000, the app's near 60,000.
    #[test]
    fn unusual_ids_are_found_by_key_within_their_budget() {
        use crate::domain::intake::id_key;
        let mut kept = UnusualIds::default();
        assert!(kept.keep(&id_key("cmg–2026–000105"), 7, "cmg–2026–000105"));
        assert_eq!(
            kept.get(&id_key("CMG-2026-000105")),
            Some((7, "cmg–2026–000105"))
        );
        assert_eq!(kept.get(&id_key("CMG-2026-000106")), None);
        assert!(kept.keep(&id_key("Cmg-2026-000105"), 8, "Cmg-2026-000105"));
        assert_eq!(
            kept.get(&id_key("cmg-2026-000105")),
            Some((7, "cmg–2026–000105")),
            "the first kept"
        );
        let long = "ệ".repeat(94);
        let mut n = 0;
        while kept.keep(
            &id_key(&format!("{long}{n:06}")),
            n,
            &format!("{long}{n:06}"),
        ) {
            n += 1;
        }
        assert!((12_000..13_000).contains(&n), "{n} long ids kept");
        assert!(kept.text.len() <= UNUSUAL_IDS_BYTES && kept.text.capacity() == UNUSUAL_IDS_BYTES);
        assert_eq!(
            kept.get(&id_key(&format!("{long}{:06}", n - 1))),
            Some((n - 1, &*format!("{long}{:06}", n - 1)))
        );
        let mut app = UnusualIds::default();
        let mut n = 0;
        while app.keep(
            &id_key(&format!("cmg-2026-{n:06}")),
            n,
            &format!("cmg-2026-{n:06}"),
        ) {
            n += 1;
        }
        assert!(
            (55_000..65_000).contains(&n),
            "{n} ids of the app's length kept"
        );
    }
}
