//! Checking the log as a use case: walking the hash chain, every report row, every row of
//! the tables that decide who may act and what is counted, and every clock, and naming the
//! first thing changed behind the tool's back (docs/rules.md §2 \[choice\]; Đ11). Signed
//! checkpoints, checked before this walk, are `app::checkpoint`'s.

use anyhow::Result;
use indicatif::ProgressBar;
use serde::Serialize;

use super::deadlines::Deadlines;
use crate::domain::audit::{
    ChainBreak, ChainWalker, InForce, KeyRecord, MarkClearings, ReminderMarks, TrustWalker,
    check_clocks, check_clocks_explained, open_clock_version_known,
};
use crate::domain::clocks::{Step, replay};
use crate::domain::edits::{ClockFinding, Finding, Since, TableRowFinding};
use crate::domain::event::EventKind;
use crate::domain::tables::{self, Expected, Image};
use crate::storage::{clocks, events, sealed};

/// The first thing `audit verify` would name in this database, if any (for `restore`, which
/// must refuse a tampered backup).
pub fn first_problem(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    Ok(verify(conn, &ProgressBar::hidden())?.1)
}

/// Walks the chain (folding what its change events sealed), then checks each report row
/// against the seal of its latest event, each sealed table against the fold, and each
/// report's clocks against the replay of its log.
pub fn verify(
    conn: &rusqlite::Connection,
    bar: &ProgressBar,
) -> Result<(VerifyOutcome, Option<ChainBreak>)> {
    let mut walker = ChainWalker::default();
    let mut expected = Expected::default();
    // Reminders are gathered a report at a time (`check_all_clocks`); the walk keeps only
    // those about no report (none that phananh wrote) and the changes that took marks back.
    let mut unattached = ReminderMarks::default();
    let mut clearings = MarkClearings::default();
    let mut key = KeyRecord::default();
    let chain = events::for_each(conn, |record, hash| {
        bar.inc(1);
        walker.check(record, hash)?;
        key.observe(record);
        let image = image_of(record);
        expected.observe_event(record, image.as_ref())?;
        if record.report_id.is_none() {
            if record.action == EventKind::Remind.as_str() {
                unattached.observe(record.id, &record.payload);
            } else if record.payload.contains(super::deadlines::CLEARED_REMINDERS) {
                // A change of calendar or settings that took reminded thresholds back.
                clearings.observe(
                    record.id,
                    &record.payload,
                    super::deadlines::CLEARED_REMINDERS,
                );
            }
        }
        Ok(())
    })?
    .and_then(|()| walker.finish());
    let mut outcome = VerifyOutcome {
        ok: false,
        events_checked: 0,
        reports_checked: 0,
        table_rows_checked: 0,
        tables_unsealed: Vec::new(),
        clocks_checked: 0,
        clocks_unchecked: None,
        identity_keys_checked: None,
        identity_keys_unchecked: None,
        first_problem: None,
        edited_rows: Vec::new(),
        edited_rows_count: 0,
        edited: Vec::new(),
        checkpoints: Vec::new(),
        findings: Vec::new(),
        restores_over_edits: Vec::new(),
        written_in_trust: Vec::new(),
        written_in_trust_count: 0,
    };
    (outcome.written_in_trust, outcome.written_in_trust_count) = expected.written_in_trust();
    // A planted trigger comes first: it may be what made everything after it look right.
    let mut problem = crate::storage::schema::first_difference(conn)?;
    if problem.is_none() {
        problem = crate::storage::schema::integrity(conn)?.map(ChainBreak::FileInconsistent);
    }
    if problem.is_none() {
        problem = chain.err();
    }
    // Read otherwise as a database from before sealing, whose tables it cannot judge.
    if problem.is_none() && walker.checked == 0 {
        problem = Some(ChainBreak::LogEmptied);
    }
    // Every edited row is named, report rows then the sealed tables', not only the first:
    // an auditor told of one row restored, or fixed, that one and met the next on the next
    // run, with no idea how much the insider had touched.
    let mut edited = Vec::new();
    let chain_holds = problem.is_none();
    if chain_holds {
        edited = check_reports(conn, bar, &mut outcome)?;
        edited.extend(check_tables(conn, &expected, &mut outcome)?);
        problem = edited.first().cloned();
    }
    if problem.is_none() {
        problem = key.check(crate::storage::keyfile::key_id(conn)?.as_deref());
    }
    // The clocks too, once the chain holds, whatever rows were found edited: an inspector
    // told of two edited rows and "0 clocks checked" missed the deadline moved to hide a
    // breach, which `report monthly` named on the same file. Not those of a report whose row
    // is edited (its replay starts from what the row says), nor any when the calendar or
    // the settings deadlines are counted from were edited (every clock would read as
    // moved): those are counted, and said, as not checked.
    if chain_holds {
        let calendar_edited = edited.iter().any(|e| {
            matches!(e, ChainBreak::TableRowAltered { table, .. }
                | ChainBreak::TableRowUnrecorded { table, .. }
                | ChainBreak::TableRowRemoved { table, .. }
                if table == "calendar_days" || table == SETTINGS)
        });
        if calendar_edited {
            outcome.clocks_unchecked = Some(Unchecked::CalendarEdited);
        } else {
            let rows: std::collections::HashSet<i64> =
                edited.iter().filter_map(ChainBreak::report_id).collect();
            let clocks = check_all_clocks(conn, (&unattached, &clearings), &rows, &mut outcome)?;
            if problem.is_none() {
                problem = clocks.first().cloned();
            }
            edited.extend(clocks);
        }
    }
    outcome.edited_rows_count = edited.len() as u64;
    outcome.edited_rows = edited.iter().map(ToString::to_string).collect();
    outcome.edited = edited;
    outcome.ok = problem.is_none();
    outcome.events_checked = walker.checked;
    outcome.first_problem = problem.as_ref().map(ToString::to_string);
    Ok((outcome, problem))
}

/// What a change to the sealed tables sealed. Only those carry an image, and they are about
/// no report: a report event's payload may quote the word, but never as a top-level key.
fn image_of(record: &crate::domain::audit::EventRecord) -> Option<Image> {
    if record.report_id.is_none() && record.payload.contains(tables::PAYLOAD_KEY) {
        Image::of_payload(&record.payload)
    } else {
        None
    }
}

/// The first `settings` row the log does not vouch for (inserted, changed or deleted
/// behind the tool's back), judged as `verify` judges it: the rows the change events sealed,
/// folded in chain order, against the table now. For a step that acts on a setting and
/// cannot be undone (the sweep's retention erasure): an insider's one `sqlite3` INSERT made
/// the honest cron sweep erase every closed report's identity, sealed as a regular erasure
/// that a restore then made again. Of the chain, only the events the rows rest on are
/// checked, with their neighbours (`untrusted_among`); the rest is `verify`'s to walk.
pub fn unvouched_setting(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    let (expected, rows) = settings_against_the_log(conn)?;
    if let Some(problem) = expected.first_difference(SETTINGS, &rows) {
        return Ok(Some(problem));
    }
    untrusted_among(conn, &expected.vouchers(SETTINGS))
}

/// The `settings` row `key` as `unvouched_setting` judges the table: changed, gone or
/// inserted behind the tool's back. For what reads one setting whose row may be missing:
/// a deleted row reads as the default, and a retention period deleted so read as "off",
/// erasing nothing without a word while `audit verify` named the row.
pub fn unvouched_setting_row(conn: &rusqlite::Connection, key: &str) -> Result<Option<ChainBreak>> {
    let (expected, rows) = settings_against_the_log(conn)?;
    let key = [key.to_owned()];
    if let Some(problem) = expected.row_difference(SETTINGS, &key, rows.get(key.as_slice())) {
        return Ok(Some(problem));
    }
    // A row deleted with an event made up to seal its deletion reads as vouched for by
    // that event: the events the table rests on must hold where they stand.
    untrusted_among(conn, &expected.vouchers(SETTINGS))
}

/// Each of the `settings` rows `keys` the log does not vouch for, in the order given, judged
/// as `unvouched_setting_row` judges one (`settings show`, which lists them all); then the
/// first event those rows rest on that does not hold at its place in the chain (a row
/// inserted with an event made up to seal it reads as vouched for by that event).
pub fn unvouched_setting_rows(
    conn: &rusqlite::Connection,
    keys: &[&str],
) -> Result<Vec<ChainBreak>> {
    let (expected, rows) = settings_against_the_log(conn)?;
    let keys: Vec<Vec<String>> = keys.iter().map(|k| vec![(*k).to_owned()]).collect();
    let mut found: Vec<ChainBreak> = keys
        .iter()
        .filter_map(|key| expected.row_difference(SETTINGS, key, rows.get(key.as_slice())))
        .collect();
    found.extend(untrusted_among(
        conn,
        &expected.vouchers_of(SETTINGS, &keys),
    )?);
    Ok(found)
}

const SETTINGS: &str = "settings";

/// The first row an act by `username` rests on that the log does not vouch for: the mode
/// (`auth.mode`), the account's `staff` row, and in `peer` mode its binding to `login`.
/// `audit verify` names each such row, but only once someone runs it: for what reveals a
/// reporter's identity, which cannot be taken back
/// (`honest_time::an_account_given_more_with_sqlite3_reveals_no_identity`).
pub fn unvouched_account(
    conn: &rusqlite::Connection,
    username: &str,
    login: Option<&str>,
) -> Result<Option<ChainBreak>> {
    let expected = judged_by_the_log(conn)?;
    // Made or bound by an event itself written without the right to (an insider's login
    // bound to the admin with `sqlite3` for one `staff add`, then unbound), the account is
    // no more the log's than one inserted with `sqlite3`: what is wrong is that event's.
    if let Some(problem) = expected
        .unearned(username, login)
        .or_else(|| expected.unearned_mode())
    {
        return Ok(Some(problem.clone()));
    }
    let mut rows = vec![
        (SETTINGS, vec![crate::domain::identity::SETTING.to_owned()]),
        ("staff", vec![username.to_owned()]),
    ];
    if let Some(login) = login {
        rows.push(("staff_logins", vec![username.to_owned(), login.to_owned()]));
    }
    for (name, key) in rows {
        let Some(table) = sealed::table(name) else {
            continue;
        };
        let now = sealed::current(conn, table, &key)?;
        if let Some(problem) = expected.row_difference(name, &key, now.as_ref()) {
            return Ok(Some(problem));
        }
        if let Some(problem) = untrusted_among(conn, &expected.vouchers(name))? {
            return Ok(Some(problem));
        }
    }
    Ok(None)
}

/// The first of the `staff` rows of `usernames` the log does not vouch for (changed,
/// inserted, or gone while the log says it stands), or an event vouching for one that does
/// not hold at its place in the chain. For `staff import`, which keeps a disabled account
/// disabled by reading `active` from its row: an account enabled again with `sqlite3` was
/// sealed enabled by the admin's next import that changed anything of it
/// (`honest_time::a_staff_import_over_an_account_enabled_behind_the_tools_back_is_refused`).
/// One fold of the log for the whole file, not a walk back per account.
pub fn unvouched_accounts(
    conn: &rusqlite::Connection,
    usernames: &[&str],
) -> Result<Option<ChainBreak>> {
    let Some(table) = sealed::table("staff") else {
        return Ok(None);
    };
    let expected = sealed_by_the_log(conn)?;
    let keys: Vec<Vec<String>> = usernames.iter().map(|u| vec![(*u).to_owned()]).collect();
    for key in &keys {
        let now = sealed::current(conn, table, key)?;
        if let Some(problem) = expected.row_difference("staff", key, now.as_ref()) {
            return Ok(Some(problem));
        }
    }
    untrusted_among(conn, &expected.vouchers_of("staff", &keys))
}

/// The first row of the reference tables `names` a listing prints (or names its rows by)
/// that the log does not vouch for. For `staff list`, `staff logins`, `agency list`, `field
/// list`, `service list` and `route list`: a ghost admin inserted with `sqlite3` was listed
/// as an account like the others, and two agencies' names swapped had the admin read one's
/// code as the other's, exit 0
/// (`forged_events::the_reference_lists_over_rows_edited_with_sqlite3_name_the_row`).
pub fn unvouched_listed(conn: &rusqlite::Connection, names: &[&str]) -> Result<Option<ChainBreak>> {
    unvouched_tables(conn, names)
}

/// The first row of the service map the log does not vouch for: `service_codes`, then
/// `fields`. For an Open311 ingest, which reads each request's `service_code` into the
/// report's category hint by the first table, or, for a code that is itself a field's, by
/// the second (and `classify --suggest --apply` counts the hint): a code pointed at another
/// field with `sqlite3` had every such report sealed with the forged hint as reception's
/// (`forged_events::an_open311_ingest_over_a_service_code_edited_with_sqlite3_ingests_nothing`),
/// and so did a field inserted or given another code
/// (`forged_events::an_open311_ingest_over_a_field_edited_with_sqlite3_ingests_nothing`).
pub fn unvouched_service_map(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    unvouched_tables(conn, &["service_codes", "fields"])
}

/// The first row of what the calendar and the deadlines are computed from (`calendar_days`,
/// then `settings`) that the log does not vouch for, judged as `unvouched_setting` judges
/// one table. For the sweep, before it moves the open deadlines under a calendar whose
/// version changed: a day off inserted with `sqlite3` changed it as a newly shipped schedule
/// does, and the honest cron sweep moved every deadline under it, sealed as its own
/// `calendar_adopt` (`forged_events::a_calendar_edited_with_sqlite3_moves_no_deadline`);
/// for `report` and `score`, computed from both; and for a change of either
/// (`app::deadlines::as_the_log_sealed`).
pub fn unvouched_calendar(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    unvouched_tables(conn, &["calendar_days", SETTINGS])
}

/// The same over what `report` and `score` print besides: the agencies' and fields' names
/// beside their figures, counted by code but read by name (two agencies' names swapped with
/// `sqlite3` ranked one under the other's name;
/// `forged_events::a_score_or_report_over_agency_names_swapped_with_sqlite3_is_refused`).
pub fn unvouched_for_figures(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    unvouched_tables(conn, &["calendar_days", SETTINGS, "agencies", "fields"])
}

/// The first `agencies` row the log does not vouch for. For `list --due`, which prints each
/// clock's agency by the name that table holds beside its code: two names swapped with
/// `sqlite3` had the desk read one agency's open case as another's
/// (`forged_events::a_due_list_over_agency_names_swapped_with_sqlite3_names_no_agency_by_them`).
pub fn unvouched_agencies(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    unvouched_tables(conn, &["agencies"])
}

/// The same over what the exports name beside each report: its agency, its field and its
/// service code, by the names in those tables. Two agencies' names swapped with `sqlite3`
/// had the public feed citizens read name one agency as the one that handled the other's
/// reports (`forged_events::an_export_over_names_edited_with_sqlite3_is_refused`).
/// Besides (the second), from the same fold: the calendar's days and the settings the
/// deadlines are counted from, under which the exports judge the open reports' expected
/// times (`app::export`); a day off inserted with the deadline it moves would otherwise
/// vouch for that deadline.
pub fn unvouched_for_exports(
    conn: &rusqlite::Connection,
) -> Result<(Option<ChainBreak>, Option<ChainBreak>)> {
    let expected = sealed_by_the_log(conn)?;
    let names = unvouched_tables_in(conn, &expected, &["agencies", "fields", "service_codes"])?;
    let mut calendar = unvouched_tables_in(conn, &expected, &["calendar_days"])?;
    if calendar.is_none() {
        calendar = unvouched_keys_in(conn, &expected, |k| k.moves_deadlines)?;
    }
    Ok((names, calendar))
}

/// The same over what the desk (`triage`) dispatches by: the agencies it offers by name,
/// the fields it offers with their keywords' suggestion, and the routes that pre-select an
/// agency. Two agencies' names swapped with `sqlite3` offered Sở Y tế's code to an
/// operator who typed "xây dựng" to find Sở Xây dựng: the report went to Sở Y tế, sealed
/// as reception's
/// (`triage::the_desk_under_agency_names_swapped_with_sqlite3_shows_no_report`).
pub fn unvouched_for_the_desk(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    unvouched_tables(conn, &["agencies", "fields", "routes"])
}

/// What the sweep judges on every run, from one fold of the log: the calendar's days and
/// the settings that move deadlines, and the `agencies` rows. A day off
/// inserted with `sqlite3` with the deadlines it moves, the clocks naming the calendar in
/// force, showed the sweep no change of schedule and kept a breach off its list
/// (`forged_events::a_day_off_inserted_with_the_deadlines_it_moves_hides_no_breach`); and
/// the sweep prints each clock's agency by the name in `agencies` beside the code its clock
/// holds, so two names swapped named one agency as late on another's clocks
/// (`forged_events::a_sweep_over_agency_names_swapped_with_sqlite3_names_no_agency_by_them`).
pub fn unvouched_for_sweep(
    conn: &rusqlite::Connection,
) -> Result<(Option<ChainBreak>, Option<ChainBreak>)> {
    let expected = sealed_by_the_log(conn)?;
    Ok((
        unvouched_deadline_inputs_in(conn, &expected)?,
        unvouched_tables_in(conn, &expected, &["agencies"])?,
    ))
}

/// The first row of the calendar's days, or of the settings that move deadlines, that the
/// log does not vouch for. For `show`, before it judges a report's clocks against the
/// deadlines the calendar and limits give: a limit inserted with `sqlite3` counted every
/// deadline again under it, and `show` named the honest clock as edited, its report's
/// deadline blamed on a value no `settings set` ever wrote
/// (`forged_events::show_under_a_deadline_setting_inserted_with_sqlite3_blames_no_clock`).
pub fn unvouched_deadline_inputs(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    unvouched_deadline_inputs_in(conn, &sealed_by_the_log(conn)?)
}

fn unvouched_deadline_inputs_in(
    conn: &rusqlite::Connection,
    expected: &Expected,
) -> Result<Option<ChainBreak>> {
    let calendar = unvouched_tables_in(conn, expected, &["calendar_days"])?;
    if calendar.is_some() {
        return Ok(calendar);
    }
    // Only the keys the deadlines are computed from: a forged row of another setting is
    // named where it is read (the retention erasure, `validate`, `report`, `score`).
    unvouched_keys_in(conn, expected, |k| k.moves_deadlines)
}

/// The first `settings` row of the reception check's own settings (`validate.*`) the log
/// does not vouch for. For `validate` and `ingest --validate`, before judging any report:
/// a threshold raised with `sqlite3` had the operator's check reject citizens' reports,
/// each rejection sealed as the operator's
/// (`forged_events::validate_under_a_threshold_edited_with_sqlite3_rejects_nothing`).
pub fn unvouched_for_the_check(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    unvouched_keys_in(conn, &sealed_by_the_log(conn)?, |k| {
        k.key.starts_with("validate.")
    })
}

/// The first row of what `classify --suggest --apply` decides from that the log does not
/// vouch for: the `fields` table (their keywords) and `classify.auto_min_score`. Keywords
/// swapped with `sqlite3` had every road report filed under another field, sealed as
/// reception's
/// (`forged_events::classify_suggest_apply_over_keywords_swapped_with_sqlite3_classifies_nothing`).
pub fn unvouched_for_classifying(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    let expected = sealed_by_the_log(conn)?;
    if let Some(problem) = unvouched_tables_in(conn, &expected, &["fields"])? {
        return Ok(Some(problem));
    }
    unvouched_keys_in(conn, &expected, |k| k.key == "classify.auto_min_score")
}

/// The first `routes` row the log does not vouch for. For `assign --auto`, which
/// dispatches by that table: a route changed with `sqlite3` sent a report to the agency the
/// edit named, sealed as reception's
/// (`forged_events::assign_auto_over_a_route_edited_with_sqlite3_assigns_nothing`).
pub fn unvouched_routes(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    unvouched_tables(conn, &["routes"])
}

/// The `settings` row of known key `key`, when the log does not vouch for it or for an
/// event it rests on. For `settings set` over a key no report reads as of a past moment,
/// whose change goes ahead but records that it replaced an edit.
pub fn unvouched_known_setting(
    conn: &rusqlite::Connection,
    key: &str,
) -> Result<Option<ChainBreak>> {
    unvouched_keys_in(conn, &sealed_by_the_log(conn)?, |k| k.key == key)
}

/// The first `settings` row of the known keys `chosen` picks that the log does not vouch
/// for, or an event those rows rest on that does not hold at its place in the chain.
fn unvouched_keys_in(
    conn: &rusqlite::Connection,
    expected: &Expected,
    chosen: impl Fn(&crate::app::settings::Known) -> bool,
) -> Result<Option<ChainBreak>> {
    let Some(table) = sealed::table(SETTINGS) else {
        return Ok(None);
    };
    let keys: Vec<Vec<String>> = crate::app::settings::KNOWN
        .iter()
        .filter(|k| chosen(k))
        .map(|k| vec![k.key.to_owned()])
        .collect();
    for key in &keys {
        let now = sealed::current(conn, table, key)?;
        if let Some(problem) = expected.row_difference(SETTINGS, key, now.as_ref()) {
            return Ok(Some(problem));
        }
    }
    untrusted_among(conn, &expected.vouchers_of(SETTINGS, &keys))
}

/// The first row of the sealed tables `names`, in that order, that the log does not vouch
/// for, or an event vouching for one that does not hold at its place in the chain.
fn unvouched_tables(conn: &rusqlite::Connection, names: &[&str]) -> Result<Option<ChainBreak>> {
    unvouched_tables_in(conn, &sealed_by_the_log(conn)?, names)
}

/// `unvouched_tables` against what the log sealed, folded already (`expected`).
fn unvouched_tables_in(
    conn: &rusqlite::Connection,
    expected: &Expected,
    names: &[&str],
) -> Result<Option<ChainBreak>> {
    for &name in names {
        let Some(table) = sealed::table(name) else {
            continue;
        };
        if let Some(problem) = expected.first_difference(name, &sealed::rows(conn, table)?) {
            return Ok(Some(problem));
        }
        if let Some(problem) = untrusted_among(conn, &expected.vouchers(name))? {
            return Ok(Some(problem));
        }
    }
    Ok(None)
}

/// The keys of the rows of sealed table `name` that the log vouches for as they stand, in
/// key order, for what offers them without a word (shell completion): a row inserted, or
/// given another code or name, with `sqlite3` is left out; when an event those rows rest on
/// does not hold at its place in the chain (a row inserted beside an event made up to seal
/// it), none is. A table no event sealed (a database from before sealing) is taken whole.
pub fn vouched_keys(conn: &rusqlite::Connection, name: &str) -> Result<Vec<Vec<String>>> {
    let Some(table) = sealed::table(name) else {
        return Ok(Vec::new());
    };
    let expected = sealed_by_the_log(conn)?;
    let keys: Vec<Vec<String>> = sealed::rows(conn, table)?
        .into_iter()
        .filter(|(key, digest)| expected.row_difference(name, key, Some(digest)).is_none())
        .map(|(key, _)| key)
        .collect();
    if untrusted_among(conn, &expected.vouchers_of(name, &keys))?.is_some() {
        return Ok(Vec::new());
    }
    Ok(keys)
}

/// What the log's change events sealed of the sealed tables, folded in chain order.
fn sealed_by_the_log(conn: &rusqlite::Connection) -> Result<Expected> {
    // Each payload read where SQLite holds it, never copied: one may list every clock of
    // a province a change moved, kept or re-judged.
    let mut expected = Expected::default();
    events::for_each_of_no_report_naming(conn, tables::PAYLOAD_KEY, |id, payload| {
        if let Some(image) = Image::of_payload(payload) {
            expected.observe(id, &image);
        }
    })?;
    Ok(expected)
}

/// `sealed_by_the_log`, each event that seals a row judged as `verify` judges who wrote it
/// (`Expected::observe_event`), so that what rests on an event written without the right
/// to is known (`Expected::unearned`). One walk of the events about no report.
fn judged_by_the_log(conn: &rusqlite::Connection) -> Result<Expected> {
    let mut expected = Expected::default();
    events::for_each_of_no_report(conn, |record| {
        let image = image_of(&record);
        // Who wrote each event is `verify`'s to say; the fold keeps what rests on it.
        let _judged = expected.observe_event(&record, image.as_ref());
        Ok(())
    })?;
    Ok(expected)
}

/// What the log's change events sealed of `settings`, folded in chain order, and the
/// table's rows now (key → digest).
fn settings_against_the_log(
    conn: &rusqlite::Connection,
) -> Result<(Expected, std::collections::BTreeMap<Vec<String>, String>)> {
    let expected = sealed_by_the_log(conn)?;
    let rows = match sealed::table(SETTINGS) {
        Some(table) => sealed::rows(conn, table)?,
        None => Default::default(),
    };
    Ok((expected, rows))
}

/// The first of `events` that does not hold at its place in the chain (`Placed::check`),
/// with what is wrong there. A decision resting on a few events checks those and their
/// neighbours only: the sweep runs every ten minutes on a log of millions. (A settings row
/// and a `settings_set` event sealing it, both inserted with `sqlite3`, the event's hashes
/// made up, had the cron sweep erase under the forged row:
/// `forged_events::a_settings_row_vouched_for_by_an_event_with_made_up_hashes_erases_nothing`.)
pub fn untrusted_among(conn: &rusqlite::Connection, ids: &[i64]) -> Result<Option<ChainBreak>> {
    for &id in ids {
        if let Some(placed) = events::placed(conn, id)?
            && let Err(problem) = placed.check()
        {
            return Ok(Some(problem));
        }
    }
    Ok(None)
}

/// The first event of the log not to trust (`TrustWalker`), and what is wrong there; None
/// when the whole chain holds. A restore makes again only the erasures and reveals written
/// before it: after it, the log may say what nobody did (an `erase` appended with
/// `sqlite3`), or record what was done under a setting or a role such an event vouched for.
pub fn first_untrusted(conn: &rusqlite::Connection) -> Result<Option<(i64, ChainBreak)>> {
    let mut walker = TrustWalker::default();
    // Its `Err` only stops the walk at the first untrusted event, which the walker keeps.
    let _stopped = events::for_each(conn, |record, hash| {
        if walker.step(record, hash) {
            Ok(())
        } else {
            Err(())
        }
    })?;
    Ok(walker.first_untrusted())
}

/// What `verify` says of the account of the event that last changed the `settings` row
/// `key` (gave it the value it holds by the log), when that account could not have written
/// it (a role raised, an account made or bound behind the tool's back for the act, then put
/// back). For the sweep, which erases under `privacy.erase_after_days`: a leader raised to
/// admin with `sqlite3` set a one-day period through phananh, put the role back, and the
/// honest cron sweep erased 338 identities, sealed as regular erasures
/// (`privacy::a_retention_set_by_an_account_raised_with_sqlite3_erases_nothing_and_is_not_made_again`).
/// One fold of the events about no report (those that change accounts, logins and
/// settings), as `sealed_by_the_log` makes.
pub fn unauthorised_setting(conn: &rusqlite::Connection, key: &str) -> Result<Option<ChainBreak>> {
    let key = [key.to_owned()];
    let mut expected = Expected::default();
    let mut judged = None;
    events::for_each_of_no_report(conn, |record| {
        let before = expected
            .sealed_digest(SETTINGS, &key)
            .map(|d| d.map(str::to_owned));
        let image = image_of(&record);
        let problem = expected.observe_event(&record, image.as_ref()).err();
        let after = expected
            .sealed_digest(SETTINGS, &key)
            .map(|d| d.map(str::to_owned));
        // A whole table sealed again with the row as it was (a baseline) sets nothing.
        if after != before && image.is_some() {
            judged = problem.filter(ChainBreak::is_acting_without_right);
        }
        Ok(())
    })?;
    Ok(judged)
}

/// The `erase` events of the log that `verify` judges were written by an account that could
/// not erase (a role raised, an account made or bound behind the tool's back for the act),
/// each with what `verify` says of it, oldest first. Judged as `verify` judges who wrote an
/// event, but walking on past each: a restore made because `verify` named one such erasure
/// must not make it, nor a later one, again in the restored copy (a clerk who raised their
/// own role, erased and put the role back had the admin's restore launder the erasures into
/// a chain that verifies). Nor the sweep's erasures made under a retention period set by
/// such an account: each is named with what `verify` says of the `settings_set` that set
/// the period in force when it was made (a leader raised to admin set a one-day period, and
/// the restore `audit verify` advised erased the 338 identities again from the good backup).
pub fn unauthorised_erasures(conn: &rusqlite::Connection) -> Result<Vec<(i64, ChainBreak)>> {
    let mut expected = Expected::default();
    let mut found = Vec::new();
    let retention = [crate::domain::erasure::RETENTION.to_owned()];
    // What `verify` says of the account that set the retention period in force, if it
    // could not set it.
    let mut period_set_without_right: Option<ChainBreak> = None;
    let walked = events::for_each(conn, |record, _| {
        let image = image_of(record);
        let before = expected
            .sealed_digest(SETTINGS, &retention)
            .map(|d| d.map(str::to_owned));
        let judged = expected.observe_event(record, image.as_ref());
        let after = expected
            .sealed_digest(SETTINGS, &retention)
            .map(|d| d.map(str::to_owned));
        if after != before && image.is_some() {
            period_set_without_right = judged
                .clone()
                .err()
                .filter(ChainBreak::is_acting_without_right);
        }
        if record.action != EventKind::Erase.as_str() {
            return Ok::<(), ChainBreak>(());
        }
        if let Err(problem) = judged
            && problem.is_acting_without_right()
        {
            found.push((record.id, problem));
        } else if let Some(problem) = &period_set_without_right
            && record.actor == crate::domain::event::SYSTEM_ACTOR
            && swept_by_retention(&record.payload)
        {
            found.push((record.id, problem.clone()));
        }
        Ok::<(), ChainBreak>(())
    })?;
    walked?;
    Ok(found)
}

/// Whether an `erase` event's payload is the sweep's, under the retention period: its
/// reason names the setting, and it is no erasure a restore or an ingest made again.
fn swept_by_retention(payload: &str) -> bool {
    let Ok(payload) = serde_json::from_str::<serde_json::Value>(payload) else {
        return false;
    };
    payload.get("reapplied").is_none()
        && payload["reason"]
            .as_str()
            .is_some_and(|r| r.starts_with(crate::domain::erasure::RETENTION))
}

fn check_reports(
    conn: &rusqlite::Connection,
    bar: &ProgressBar,
    outcome: &mut VerifyOutcome,
) -> Result<Vec<ChainBreak>> {
    let mut found: Vec<ChainBreak> = Vec::new();
    let mut sealed = std::collections::HashMap::new();
    events::for_each_report_seal(conn, |seal| {
        bar.inc(1);
        outcome.reports_checked += 1;
        if let Some((_, hash)) = &seal.latest_event {
            sealed.insert(seal.report_id, hash.clone());
        }
        found.extend(seal_problem(seal));
        Ok(())
    })?;
    // What changed and since when, for the inspector's minutes: the few rows found edited
    // are read again with their events (a row no longer readable as a report is named
    // without it).
    for problem in &found {
        if let ChainBreak::ReportAltered { report_id, .. } = problem
            && let Ok(Some(row)) = crate::storage::reports::load(conn, *report_id)
        {
            let events = events::of_report(conn, *report_id)?;
            let hash = sealed.get(report_id).cloned().flatten();
            outcome
                .findings
                .push(Finding::ReportRow(crate::domain::edits::explain_row(
                    &row,
                    &events,
                    hash.as_deref(),
                )));
        }
    }
    // The seal covers the sealed identity, not its wrapped key (`key rotate` rewrites
    // those): a key taken away behind the tool's back is looked for here.
    if found.is_empty()
        && let Some(report_id) = crate::storage::keyfile::first_key_missing(conn)?
    {
        found.push(ChainBreak::IdentityKeyMissing { report_id });
    }
    Ok(found)
}

/// What is wrong with a report row against the latest event that sealed it, if anything.
fn seal_problem(seal: events::ReportSeal) -> Option<ChainBreak> {
    let report_id = seal.report_id;
    match seal.latest_event {
        None => Some(ChainBreak::ReportUnrecorded { report_id }),
        Some((event_id, recorded))
            if recorded.is_none() || recorded != seal.digest || seal.identity_beside_seal =>
        {
            Some(ChainBreak::ReportAltered {
                report_id,
                event_id,
            })
        }
        Some(_) => None,
    }
}

/// What `key rotate` must find as the log sealed it before it re-wraps every sealed
/// report's own key under a new key, judged as `verify` judges it. The `vault` row: deleted
/// with `sqlite3`, it was made again by the rotation naming the new key, and `audit verify`,
/// which had named it, passed. And the reports the rotation passes over, holding no sealed
/// identity: an identity taken out of its row with `sqlite3` (the row in clear or erased)
/// kept its own key under the old key, and once put back after the rotation it no longer
/// opened, verify advising an erase
/// (`identity::key_rotate_over_identities_edited_with_sqlite3_rotates_nothing`). A sealed
/// identity edited in place is not judged here: the rotation re-wraps its key and leaves
/// the identity, which verify still names.
pub fn unvouched_for_rotation(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    vault_then_rows(conn, |visit| {
        events::for_each_report_seal_unsealed(conn, visit)
    })
}

/// What `key reset` must find as the log sealed it before it erases every sealed identity
/// and records the key lost: the `vault` row, as for a rotation (deleted or renamed with
/// `sqlite3`, it was recorded as the lost key and the reset made it the record), and every
/// report row. One passed over because its identity was taken out of it kept that identity
/// under the lost key, unerased: the reset's record said every identity of that key was
/// erased, and no backup made before could be restored again, the live log erasing none of
/// that report's; one erased would have its edit sealed, and was refused only once the key
/// files were moved
/// (`keys::key_reset_over_identities_edited_with_sqlite3_erases_nothing_and_touches_no_file`).
pub fn unvouched_for_reset(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    vault_then_rows(conn, |visit| events::for_each_report_seal(conn, visit))
}

/// The `vault` row's problem, else the first of the report rows `rows` walks.
fn vault_then_rows(
    conn: &rusqlite::Connection,
    rows: impl FnOnce(&mut dyn FnMut(events::ReportSeal) -> Result<()>) -> Result<()>,
) -> Result<Option<ChainBreak>> {
    if let Some(problem) = unvouched_vault(conn)? {
        return Ok(Some(problem));
    }
    let mut first = None;
    rows(&mut |seal| {
        if first.is_none() {
            first = seal_problem(seal);
        }
        Ok(())
    })?;
    Ok(first)
}

/// The `vault` row against the key the log last recorded, and the event that recorded it
/// at its place in the chain.
pub(crate) fn unvouched_vault(conn: &rusqlite::Connection) -> Result<Option<ChainBreak>> {
    let key = key_record(conn)?;
    if let Some(problem) = key.check(crate::storage::keyfile::key_id(conn)?.as_deref()) {
        return Ok(Some(problem));
    }
    untrusted_among(conn, &key.event().into_iter().collect::<Vec<_>>())
}

/// The key id the log last recorded (`init`, a first sealing, `key rotate`, `key reset`, a
/// restore that fitted a backup to the key in place), whatever the `vault` row now says.
pub(crate) fn recorded_key(conn: &rusqlite::Connection) -> Result<Option<String>> {
    Ok(key_record(conn)?.recorded().map(str::to_owned))
}

fn key_record(conn: &rusqlite::Connection) -> Result<KeyRecord> {
    let mut key = KeyRecord::default();
    events::for_each_of_actions(conn, &KeyRecord::actions(), |record| key.observe(record))?;
    Ok(key)
}

/// Each sealed table, in the order of `storage::sealed::TABLES`, against what the log says.
fn check_tables(
    conn: &rusqlite::Connection,
    expected: &Expected,
    outcome: &mut VerifyOutcome,
) -> Result<Vec<ChainBreak>> {
    let mut found = Vec::new();
    for table in sealed::TABLES {
        if !expected.is_sealed(table.name) {
            outcome.tables_unsealed.push(table.name.to_owned());
            continue;
        }
        let rows = sealed::rows(conn, table)?;
        outcome.table_rows_checked += rows.len() as u64;
        found.extend(expected.differences(table.name, &rows));
    }
    // Since when: the event that sealed the row as the log has it (the log holds the
    // row's digest, so not which column changed).
    for problem in &found {
        let (table, key, event, removed) = match problem {
            ChainBreak::TableRowAltered { table, key, event } => (table, key, *event, false),
            ChainBreak::TableRowRemoved { table, key, event } => (table, key, *event, true),
            _ => continue,
        };
        let since = events::placed(conn, event)?.map(|p| Since::of(&p.record));
        outcome.findings.push(Finding::TableRow(TableRowFinding {
            table: table.clone(),
            key: key.clone(),
            removed,
            since,
        }));
    }
    Ok(found)
}

/// The steps of a report as the replay reads them: a kind no version of phananh wrote, or
/// a time that cannot be read, is no step.
fn steps_of(steps: Vec<clocks::ReplayStep>) -> Vec<Step> {
    steps
        .into_iter()
        .filter_map(|s| {
            Some(Step {
                event: s.event,
                kind: s.kind?,
                at: s.at?,
                assigned: s.assigned,
            })
        })
        .collect()
}

/// The first clock of report `report_id` that its log does not give, judged as `audit
/// verify` judges every report's (`domain::audit::check_clocks`: replayed from the
/// report's steps, each deadline counted again; its reminder marks aside). For `show`,
/// which prints the report's clocks: a deadline moved or a clock moved to another agency
/// with `sqlite3` was shown as its row held it
/// (`forged_events::show_names_a_clock_of_its_report_edited_with_sqlite3`). One report's
/// events and clocks, and the few logged calendar changes after its stops.
pub fn unlogged_clock_of(
    conn: &rusqlite::Connection,
    report_id: i64,
) -> Result<Option<ChainBreak>> {
    if !sealed::exists(conn, "clocks")? {
        return Ok(None);
    }
    let Some(history) = clocks::history_of(conn, report_id)? else {
        return Ok(None);
    };
    // A submission time that cannot be read is the report row's edit, named where it is read.
    let Some(submitted) = history.submitted else {
        return Ok(None);
    };
    let deadlines = Deadlines::load(conn)?;
    let now = deadlines.in_force();
    let mut before = crate::app::deadlines::BeforeEach::new(conn)?;
    let then = history
        .clocks
        .iter()
        .map(|c| {
            c.stop_event
                .map(|stop| before.for_clock(report_id, c.stage, c.round, stop))
                .transpose()
        })
        .collect::<Result<Vec<_>>>()?;
    let then = in_force_then(&then);
    let replayed = replay(&submitted, &steps_of(history.steps));
    let kept = clocks::kept_deadlines(conn)?;
    Ok(check_clocks(report_id, &replayed, &history.clocks, &now, &then, &kept).err())
}

/// The calendar and limits in force just before each clock's stop, as `check_clocks` takes
/// them, from the deadlines built for each stop (None for a clock not stopped by a step).
fn in_force_then(then: &[Option<std::rc::Rc<Deadlines>>]) -> Vec<Option<InForce<'_>>> {
    then.iter()
        .map(|d| d.as_deref().map(Deadlines::in_force))
        .collect()
}

/// Every report's clocks, replayed from its log with the domain's own rules and judged
/// under the calendar and limits in force.
fn check_all_clocks(
    conn: &rusqlite::Connection,
    (unattached, clearings): (&ReminderMarks, &MarkClearings),
    edited_rows: &std::collections::HashSet<i64>,
    outcome: &mut VerifyOutcome,
) -> Result<Vec<ChainBreak>> {
    // A backup from before clocks existed gets them when it is migrated.
    if !sealed::exists(conn, "clocks")? {
        return Ok(Vec::new());
    }
    let deadlines = Deadlines::load(conn)?;
    let now = deadlines.in_force();
    // The calendar a stopped clock was last computed under is the one in force just before
    // its stop: today's, with every calendar or settings change logged after the stop undone.
    // Built once per number of changes undone (none undone: today's, shared with `now`).
    let mut before = crate::app::deadlines::BeforeEach::new(conn)?;
    let recorded = clocks::recorded_version(conn)?;
    let kept = before.kept();
    let mut found = Vec::new();
    let mut skipped = 0;
    let mut reminders = ReminderMarks::default();
    let mut explained = Vec::new();
    clocks::for_each_history(conn, |history| {
        if edited_rows.contains(&history.report_id) {
            skipped += history.clocks.len() as u64;
            return Ok(true);
        }
        outcome.clocks_checked += history.clocks.len() as u64;
        // A report row that cannot be read was named by the report check already.
        let Some(submitted) = history.submitted else {
            return Ok(true);
        };
        reminders.clear();
        for step in &history.steps {
            if let Some(payload) = &step.reminder {
                reminders.observe(step.event, payload);
            }
        }
        let replayed = replay(&submitted, &steps_of(history.steps));
        let mut then = Vec::with_capacity(history.clocks.len());
        for clock in &history.clocks {
            // Whether this calendar is needed (the clock's own version is not today's) is
            // `check_clocks`'s to decide; each is built once, so offering it costs a lookup.
            then.push(match clock.stop_event {
                Some(stop) => {
                    Some(before.for_clock(history.report_id, clock.stage, clock.round, stop)?)
                }
                _ => None,
            });
        }
        let then = in_force_then(&then);
        let checked = check_clocks_explained(
            history.report_id,
            &replayed,
            &history.clocks,
            &now,
            &then,
            &kept,
        )
        .map_err(|found| {
            let (found, edit) = *found;
            explained.extend(edit);
            found
        })
        .and_then(|()| {
            history
                .clocks
                .iter()
                .try_for_each(|c| reminders.check(unattached, clearings, history.report_id, c))
        })
        .and_then(|()| {
            let today = deadlines.calendar.version();
            match history.clocks.iter().find(|c| {
                c.stop_event.is_none()
                    && !open_clock_version_known(&c.calendar_version, today, recorded.as_deref())
            }) {
                Some(c) => Err(ChainBreak::ClockAltered {
                    clock: c.id,
                    report_id: history.report_id,
                    stage: c.stage,
                    round: c.round,
                    what: "calendar version",
                }),
                None => Ok(()),
            }
        });
        // Every report's clocks, not only up to the first found moved: the inspector's one
        // run lists every tampered deadline (one per report, the first its replay meets).
        if let Err(problem) = checked {
            found.push(problem);
        }
        Ok(true)
    })?;
    if skipped > 0 {
        outcome.clocks_unchecked = Some(Unchecked::RowsEdited { clocks: skipped });
    }
    for edit in explained {
        let since = match edit.start_event {
            Some(id) => events::placed(conn, id)?.map(|p| Since::of(&p.record)),
            None => None,
        };
        outcome
            .findings
            .push(Finding::Clock(ClockFinding { edit, since }));
    }
    Ok(found)
}

pub use crate::domain::audit::Unchecked;

pub use crate::domain::backup::RestoreOverEdits;

/// Every restore the log records over a file found edited, with those nested in the record
/// of a later restore that left them out, oldest first.
pub fn restores_over_edits(conn: &rusqlite::Connection) -> Result<Vec<RestoreOverEdits>> {
    let mut found = Vec::new();
    for record in events::of_actions(conn, &[EventKind::Restore.as_str()], None, None, None)? {
        let payload: serde_json::Value = serde_json::from_str(&record.payload).unwrap_or_default();
        over_edits(
            (record.id, &record.at, &record.actor),
            &payload,
            None,
            &mut found,
        );
    }
    Ok(found)
}

fn over_edits(
    (event, at, by): (i64, &str, &str),
    payload: &serde_json::Value,
    left_out_by: Option<i64>,
    found: &mut Vec<RestoreOverEdits>,
) {
    // Restores left out by this one first: they came before it.
    for left in payload["left_out"].as_array().into_iter().flatten() {
        if let Some(nested) = left.get("restore") {
            over_edits(
                (
                    left["event"].as_i64().unwrap_or_default(),
                    left["at"].as_str().unwrap_or_default(),
                    left["by"].as_str().unwrap_or_default(),
                ),
                nested,
                Some(event),
                found,
            );
        }
    }
    if payload["replaced_intact"].as_bool() != Some(false) {
        return;
    }
    let texts = |lang: &str| {
        payload["replaced_found"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f[lang].as_str().map(str::to_owned))
            .collect()
    };
    found.push(RestoreOverEdits {
        event,
        at: at.to_owned(),
        by: by.to_owned(),
        left_out_by,
        found_count: payload["replaced_found_count"].as_u64().unwrap_or_default(),
        found_vi: texts("vi"),
        found_en: texts("en"),
        unchecked: payload["replaced_unchecked"].as_str().map(str::to_owned),
        kept: payload["replaced_kept"].as_str().map(str::to_owned),
    });
}

#[derive(Debug, Serialize)]
pub struct VerifyOutcome {
    pub ok: bool,
    pub events_checked: u64,
    pub reports_checked: u64,
    /// Rows of the sealed tables compared with the log.
    pub table_rows_checked: u64,
    /// Sealed tables no event has sealed yet (a database from before sealing, until it is
    /// next opened for writing).
    pub tables_unsealed: Vec<String>,
    pub clocks_checked: u64,
    /// Clocks not judged though the chain holds, and why (null: none left out).
    pub clocks_unchecked: Option<Unchecked>,
    /// Sealed identities whose own key was opened with the key file; None when no key was
    /// at hand to check them with (`identity_keys_unchecked` says why).
    pub identity_keys_checked: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_keys_unchecked: Option<String>,
    pub first_problem: Option<String>,
    /// Every report row and sealed table row found edited, inserted or deleted outside
    /// phananh, then every report's first clock found moved, in the order checked. What
    /// changed in each, as far as the log tells, is in `findings`.
    pub edited_rows: Vec<String>,
    pub edited_rows_count: u64,
    /// The same rows, for the failure to name in the reader's language.
    #[serde(skip)]
    pub edited: Vec<ChainBreak>,
    /// The signed checkpoints (`--checkpoint`) the chain was found to hold, as the
    /// messages on standard error name them; empty when none was given, or when the chain
    /// broke (only a chain that verified up to a head holds what was signed).
    pub checkpoints: Vec<CheckpointHeld>,
    /// What the log tells of each edited report row and moved clock: the columns it gives a
    /// value of, as the log leads to them and as the file holds them, and the event after
    /// which the change was made. Never a value of the reporter's identity, nor a typed
    /// text (its length only).
    pub findings: Vec<Finding>,
    /// The restores the log records over a file found edited outside phananh: the file in
    /// use may verify, and what the restore replaced had been tampered with.
    pub restores_over_edits: Vec<RestoreOverEdits>,
    /// The events written while a file with a `peer` history was back in `trust` mode:
    /// whose account and time are the writer's word only. Named, not a break (exit 0).
    pub written_in_trust: Vec<crate::domain::tables::WrittenInTrust>,
    pub written_in_trust_count: u64,
}

/// One signed checkpoint the log holds: its file, when it was signed and by which public
/// key, the head it signed, and how many events came after it.
#[derive(Debug, Serialize)]
pub struct CheckpointHeld {
    pub file: String,
    pub signed_at: String,
    pub public_key: String,
    pub key_id: String,
    pub event: i64,
    pub hash: String,
    /// The events up to and with the head, as signed.
    pub events: i64,
    pub events_after: i64,
}

/// Opens every sealed report's own key with the key file, when one is at hand: the wrapped
/// keys are outside the rows' seal (`key rotate` re-wraps them without an event each), so
/// one overwritten with bytes of the right length is found only by opening it. Without a
/// key, says why in the outcome; a problem found before is left as the one named.
pub fn check_identity_keys(
    ctx: &super::Context,
    conn: &rusqlite::Connection,
    outcome: &mut VerifyOutcome,
    problem: &mut Option<ChainBreak>,
) -> Result<()> {
    if problem.is_some() {
        return Ok(());
    }
    if !crate::storage::keyfile::any_sealed(conn)? {
        outcome.identity_keys_checked = Some(0);
        return Ok(());
    }
    let keys = match ctx.keys(conn) {
        Ok(keys) => keys,
        Err(error) => {
            let why = crate::exit::own_text(&error).map_or_else(
                || error.to_string(),
                |l| ctx.lang.pick(&l.vi, &l.en).to_owned(),
            );
            outcome.identity_keys_unchecked = Some(why);
            return Ok(());
        }
    };
    let (checked, unopened) = keys.unopened(conn)?;
    outcome.identity_keys_checked = Some(checked);
    if !unopened.is_empty() {
        let found = ChainBreak::IdentityKeysUnopened { reports: unopened };
        outcome.ok = false;
        outcome.first_problem = Some(found.to_string());
        *problem = Some(found);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Context;
    use crate::domain::event::EventKind;
    use crate::storage::tx::immediate;
    use crate::storage::{self, reference};

    /// A database as phananh wrote them before the log sealed its tables: an admin and an
    /// `init` event that records nothing of the tables.
    fn before_sealing(dir: &std::path::Path) -> (Context, rusqlite::Connection) {
        let path = dir.join("old.sqlite");
        let conn = storage::create(&path).unwrap();
        let ctx = Context {
            db: Some(path),
            user: Some("admin".into()),
            now: crate::domain::time::stored("2026-10-05T08:00:00+07:00").unwrap(),
            format: crate::output::Format::Table,
            lang: crate::i18n::Lang::En,
            login: "tester".to_owned(),
            pinned: true,
            key_file: None,
            csv: None,
            scratch: false,
            command: String::new(),
        };
        let tx = immediate(&conn).unwrap();
        reference::upsert_staff(
            &tx,
            &reference::Staff {
                username: "admin".into(),
                name: "Quản trị".into(),
                role: "admin".into(),
                agency: None,
                active: true,
            },
        )
        .unwrap();
        ctx.note(&tx, "admin", EventKind::Init, "{}".into())
            .unwrap();
        tx.commit().unwrap();
        (ctx, conn)
    }

    #[test]
    fn a_database_from_before_sealing_is_sealed_once_as_it_stands_then_checked() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, conn) = before_sealing(dir.path());
        // Unsealed: nothing to compare, so an edit goes unseen.
        conn.execute(
            "UPDATE staff SET name = 'Sửa trước' WHERE username = 'admin'",
            [],
        )
        .unwrap();
        let (outcome, problem) = verify(&conn, &ProgressBar::hidden()).unwrap();
        assert_eq!(problem, None);
        assert_eq!(outcome.tables_unsealed.len(), sealed::TABLES.len());

        ctx.bring_up_to_date(&conn).unwrap();
        ctx.bring_up_to_date(&conn).unwrap();
        let baselines: i64 = conn
            .query_row(
                "SELECT count(*) FROM events WHERE action = 'seal_tables'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(baselines, 1, "sealed once");
        let (outcome, problem) = verify(&conn, &ProgressBar::hidden()).unwrap();
        assert_eq!(problem, None);
        assert!(outcome.tables_unsealed.is_empty());
        assert_eq!(outcome.table_rows_checked, 1);

        conn.execute(
            "UPDATE staff SET role = 'leader' WHERE username = 'admin'",
            [],
        )
        .unwrap();
        assert!(matches!(
            first_problem(&conn).unwrap(),
            Some(ChainBreak::TableRowAltered { table, .. }) if table == "staff"
        ));
    }
}
