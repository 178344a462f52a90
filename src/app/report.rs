//! The periodic report (`docs/rules.md §5`, Đ13.6) and the yearly score (Đ13.7, Đ14) as use
//! cases: open, authorize, then build the numbers from the two streams of
//! `storage::periodic` with the pure `domain::periodic` and `domain::score`. Rendering is
//! `output::report`'s. Aggregates only: no reporter's name or phone is ever printed; a name
//! is opened only for a report whose commune is not one of the province's, to hide it there
//! (`Shield`).
//!
//! One pass over each stream, in flat memory: the builder keeps counts, and hands back each
//! late, prolonged or unresolved case as it finds it, in the order it is printed. The
//! counts are printed first, so the cases wait in `output::spool` lists, as much of them as
//! the caller's `Keep` says (all for CSV and JSON, what is shown for a table or HTML).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::app::Context;
use crate::app::deadlines::Deadlines;
use crate::app::settings::{self, InForce};
use crate::domain::access::Operation;
use crate::domain::clocks::{Unlogged as UnloggedDeadline, unlogged_deadline};
use crate::domain::deadline::Stage;
use crate::domain::event::EventKind;
use crate::domain::history::State;
pub use crate::domain::periodic::PeriodKind;
use crate::domain::periodic::{
    Builder, CaseCounts, ClockFact, ClockFault, Period, SinceEnd, StoppedFault, Unlogged, YEARS,
};
use crate::domain::score::{InPeriod, Rules, ScoreSheet, in_period, rank};
use crate::domain::time::{self, Timestamp};
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::report::refusals as say;
use crate::output::report::{Built, CaseLists, Unsealed};
use crate::output::spool::Keep;
use crate::storage::{periodic, reference};

/// The period `report KIND --period TEXT` covers. A value of another kind (`report
/// monthly --period 2026-Q3`) is the commonest slip, and listing every form there would
/// name the very value typed as valid: the refusal says what the value is and the
/// subcommand that takes it.
pub fn report_period(kind: PeriodKind, text: &str) -> Result<Period, Localized> {
    let text = text.trim();
    if let Some(period) = kind.parse(text) {
        return Ok(period);
    }
    if let Some(other) = PeriodKind::ALL
        .into_iter()
        .find(|other| other.parse(text).is_some())
    {
        return Err(say::of_another_kind(kind, other, text));
    }
    Err(say::invalid_report_period(kind, text))
}

/// The days `report range --from FROM --to TO` covers. Ends typed the wrong way round are
/// said as such: the general refusal would only repeat the rule `--from ≤ --to`.
pub fn range_period(first: NaiveDate, last: NaiveDate) -> Result<Period, Localized> {
    if let Some(period) = Period::range(first, last) {
        return Ok(period);
    }
    let within = YEARS.contains(&first.year()) && YEARS.contains(&last.year());
    if within && first > last {
        return Err(say::range_backwards(first, last));
    }
    Err(say::invalid_period())
}

/// `report …`: the report of `period` as of the context's clock, for an account that may
/// read reports; with `compare`, beside it the same period one year earlier
/// (`domain::compare::year_before`), built by the same code, as of the same moment, in the
/// same snapshot (docs/rules.md §5).
pub fn periodic_report(ctx: &Context, period: Period, keep: Keep, compare: bool) -> Result<Built> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Reports, None)?;
    let _read = figures_snapshot(&conn)?;
    let mut built = build(ctx, &conn, period.clone(), &ctx.now, keep)?;
    if compare {
        let today = ctx.now.with_timezone(&time::vietnam()).date_naive();
        let earlier = crate::domain::compare::year_before(&period, today);
        let report = match &earlier {
            Some(before) => {
                let (counted, _) = build_with(&conn, before.clone(), &ctx.now, None, ctx.lang)?;
                // A row of the earlier period the log does not vouch for is named as the
                // period's own are: the comparison counted it.
                let unsealed = &mut built.unsealed;
                unsealed.only_compared = counted
                    .unsealed
                    .rows
                    .iter()
                    .copied()
                    .filter(|id| unsealed.rows.binary_search(id).is_err())
                    .collect();
                unsealed.rows.extend(counted.unsealed.rows);
                unsealed.rows.sort_unstable();
                unsealed.rows.dedup();
                unsealed.unheld.extend(counted.unsealed.unheld);
                unsealed.unheld.sort_unstable();
                unsealed.unheld.dedup();
                Some(counted.report)
            }
            None => None,
        };
        built.compare = Some(crate::output::report::Earlier {
            period: earlier,
            report,
        });
    }
    Ok(built)
}

/// The one snapshot of the file a report or a score is counted and weighed in: its
/// judgement of the settings, calendar and names against the log (`refuse_unvouched`) and
/// every read after it. Read apart, a weight raised with `sqlite3` once the judgement was
/// made was the one the score applied, the whole period's count later
/// (`forged_events::a_score_over_a_weight_raised_while_it_runs_prints_the_vouched_sheet`);
/// honest steps between the period's reads could also make its clocks disagree with its
/// reports' logs. A snapshot takes no lock; the writers go on beside it.
fn figures_snapshot(conn: &Connection) -> Result<rusqlite::Transaction<'_>> {
    crate::storage::tx::snapshot(conn)
}

/// Builds the report of `period` as of `as_of`, keeping as much of the case lists as `keep`
/// says (all for CSV and JSON; what is shown for a table or HTML).
pub fn build(
    ctx: &Context,
    conn: &Connection,
    period: Period,
    as_of: &Timestamp,
    keep: Keep,
) -> Result<Built> {
    let mut shield = Shield::new(ctx, conn, &time::format(as_of))?;
    Ok(build_with(conn, period, as_of, Some((keep, &mut shield)), ctx.lang)?.0)
}

/// The communes of the reports as the report's readers, who may not see identities, may
/// see them (SECURITY.md, measure 1): the commune is the app's free text, and one may carry
/// the reporter's name ("Phường An Xuyên (gọi Diệp Văn Tuấn)"), which is hidden as `show`
/// hides it, with that report's own name; a name by its shape alone misses the family
/// names no list holds. One of the province's communes, whatever its spelling, holds no
/// name: only the others cost a read of the report and the opening of its identity, and
/// the key only if there is one.
pub struct Shield<'a> {
    ctx: &'a Context,
    conn: &'a Connection,
    known: crate::domain::routing::Communes,
    keys: Option<crate::app::vault::Keys>,
}

impl<'a> Shield<'a> {
    /// The communes as the agency list named them at `as_of`, the commune-level units then:
    /// a ward renamed after the moment, or given another level (`agency add` over its row),
    /// would leave a report's "phuong an xuyen" unspelled, in a row of its own, in a rerun of
    /// the moment's report (docs/rules.md §5).
    pub fn new(ctx: &'a Context, conn: &'a Connection, as_of: &str) -> Result<Shield<'a>> {
        let known = communes_then(conn, as_of, None)?;
        Ok(Shield {
            ctx,
            conn,
            known,
            keys: None,
        })
    }

    /// `commune`, of report `id`, as the report counts it: one of the province's communes
    /// as the agency list spells it, whatever the app sent ("phuong an xuyen" is counted
    /// with "Phường An Xuyên", as routing reads it, not in a row of its own); any other with
    /// its reporter's name, phones, e-mail addresses and identity numbers hidden, an erased
    /// identity's by their shape, as `show` does. None: print it as it is.
    fn hide(&mut self, id: i64, commune: &str) -> Result<Option<String>> {
        if crate::domain::validate::is_blank(commune) {
            return Ok(None);
        }
        if let Some(spelled) = self.known.spelled(commune) {
            return Ok((spelled != commune).then(|| spelled.to_owned()));
        }
        let Some(mut report) = crate::storage::reports::load(self.conn, id)? else {
            return Ok(None);
        };
        if !report.identity_erased() {
            if self.keys.is_none() {
                self.keys = Some(self.ctx.keys(self.conn)?);
            }
            self.keys
                .as_ref()
                .expect("set above")
                .open(self.conn, &mut report)?;
        }
        // Not one of the province's: names by their shape go too (a shifted row's).
        let hidden = crate::domain::redact::redact_commune(
            crate::domain::redact::redact_report(
                commune,
                &report.reporter_name,
                report.identity_erased(),
            ),
            false,
        )
        .text;
        Ok((hidden != commune).then_some(hidden))
    }
}

/// The same, with no case looked for when `keep` is None (the score).
///
/// Everything is as it stood at `as_of` (docs/rules.md §5): the events and clocks up to
/// then, the calendar and settings in force then, and the agencies' and fields' names then —
/// a later change to any is undone from its logged events. A clock still open at the moment is judged by the deadline the
/// moment's calendar gave it (the table keeps only the latest recomputation); a stopped one
/// by the deadline it was judged by.
fn build_with(
    conn: &Connection,
    period: Period,
    as_of: &Timestamp,
    keep: Option<(Keep, &mut Shield<'_>)>,
    lang: Lang,
) -> Result<(Built, Option<State>)> {
    // A period that has not begun holds no report yet: its all-zero figures, printed as a
    // finished document with a date and a signature block, would read as a real report.
    if period.start() > *as_of {
        bail!(say::not_begun(
            &period,
            &time::format(as_of),
            keep.is_none()
        ));
    }
    // Opened read-only, the file's schema was compared by no one: an index a period is
    // read through, rebuilt to leave a report out under a definition its query still
    // takes, counted the month without it
    // (`forged_events::a_report_or_score_over_an_index_redefined_with_sqlite3_is_refused`).
    // One read of `sqlite_schema` and a digest; an index rebuilt and given its old text back
    // is still only `audit verify`'s to find.
    if let Some(change) = crate::storage::schema::first_difference(conn)? {
        return Err(schema_changed(&change).into());
    }
    refuse_unvouched(conn)?;
    crate::app::pause_point("figures:checked");
    if let Some((id, text)) = crate::storage::periodic::odd_submission(conn)? {
        return Err(odd_submission(id, &text).into());
    }
    let as_of_text = time::format(as_of);
    let named_at = time::format(&period.named_at(as_of));
    let (deadlines, then) = Deadlines::as_of(conn, &as_of_text)?;
    let at = match &then {
        Some(state) => InForce::Then(&state.settings),
        None => InForce::Now,
    };
    let recompute = match &then {
        Some(_) => {
            let now = Deadlines::load(conn)?;
            now.calendar.version() != deadlines.calendar.version() || now.policy != deadlines.policy
        }
        None => false,
    };
    let thresholds = settings::report_thresholds(conn, &at)?;
    let from = time::format(&period.start());
    let until = time::format(&period.end());
    let period_end = until
        .clone()
        .min(time::format(&(*as_of + chrono::Duration::seconds(1))));
    let window = periodic::Window {
        from: &from,
        until: &until,
        as_of: &as_of_text,
        period_end: &period_end,
    };
    // The Decision's limits changed inside the period: named beside the limits at its end.
    let limit_changes = crate::storage::settings::deadline_changes(conn, &from, &period_end)?
        .into_iter()
        .map(|mut change| {
            if change.from.is_none() {
                change.from = settings::KNOWN
                    .iter()
                    .find(|k| k.key == change.key)
                    .map(|k| k.default.to_owned());
            }
            change
        })
        .collect();
    let label = period.text(lang).into_owned();
    let mut builder = Builder::new(period, as_of, thresholds, &deadlines.calendar);
    // The score prints no commune: it needs no shield.
    let (keep, mut shield) = match keep {
        Some((keep, shield)) => (keep, Some(shield)),
        None => {
            builder = builder.without_cases();
            (Keep::First(0), None)
        }
    };
    let mut cases = CaseLists::new(keep);
    // One entry per case open at the period's end, to say what became of it by the moment:
    // few, and known whole only after the clocks.
    let mut since_end = BTreeMap::new();
    let bar = crate::output::progress(periodic::count_reports(conn, &window)?, &label, lang);
    // The clocks the period's logs start, against the clocks the table holds for them: a
    // late case's clock deleted with `sqlite3` left its agency's figures without it.
    let (mut started, mut held) = (0u64, 0u64);
    periodic::for_each_report(conn, &window, |facts| {
        bar.inc(1);
        started += facts.clocks_started;
        // Of the stored shape but no moment (`2026-09-31`): the window took it by its text.
        if time::canonical(&facts.submitted_at).is_none() {
            return Err(odd_submission(facts.id, &facts.submitted_at).into());
        }
        if let Some(shield) = shield.as_mut()
            && let Some(hidden) = shield.hide(facts.id, &facts.commune)?
        {
            facts.commune = hidden;
        }
        let found = builder.add_report(facts);
        if let Some(case) = found.prolonged {
            cases.prolonged.push(case)?;
        }
        if let Some(case) = found.unresolved {
            if let Some(since) = SinceEnd::of(&case) {
                since_end.insert(case.report_id, since);
            }
            cases.unresolved.push(case)?;
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    let mut versions = BTreeSet::from([deadlines.calendar.version().to_owned()]);
    let mut before_stop = crate::app::deadlines::BeforeEach::new(conn)?;
    // The last clock read: a round's start must come after the round before it of the same
    // report and stage (a late round given the next round's start and stop read as on time).
    let mut last: LastClock = None;
    periodic::for_each_clock(conn, &window, |clock| {
        held += 1;
        if let Some(fault) = clock_fault(clock, &mut last, &mut before_stop)? {
            return Err(match fault {
                ClockFault::OddStop(text) => odd_stop(clock, &text),
                ClockFault::Step(end) => step_edited(clock, end),
                ClockFault::Flag => flag_edited(clock),
                ClockFault::Agency(logged) => agency_edited(clock, logged.as_deref()),
                ClockFault::Deadline(logged) => deadline_edited(clock, &logged),
                ClockFault::Rule(logged) => rule_edited(clock, logged),
                ClockFault::Round(logged) => round_edited(clock, logged),
            }
            .into());
        }
        let judged_then;
        let clock = if clock.stopped_at.is_some() {
            if !versions.contains(&clock.calendar_version) {
                versions.insert(clock.calendar_version.clone());
            }
            clock
        } else {
            // Open at the moment: judged by the deadline the moment's calendar and limits
            // give it, never the row's. While nothing changed since and the row names
            // today's calendar, the row must hold that deadline.
            match unlogged_deadline(
                &clock.as_open_row(),
                &deadlines.calendar,
                &deadlines.policy,
                &before_stop.kept(),
            ) {
                // As a deadline: a settings change since the moment recomputed the row
                // under other limits, and the moment's are the ones that judge it.
                Some(UnloggedDeadline::Rule(logged)) => {
                    if !recompute && clock.calendar_version == deadlines.calendar.version() {
                        return Err(rule_edited(clock, logged).into());
                    }
                    judged_then = ClockFact {
                        rule: logged,
                        ..clock.clone()
                    };
                    &judged_then
                }
                Some(UnloggedDeadline::Deadline(logged)) => {
                    if !recompute && clock.calendar_version == deadlines.calendar.version() {
                        return Err(deadline_edited(clock, &logged).into());
                    }
                    judged_then = ClockFact {
                        due_at: time::format(&logged),
                        ..clock.clone()
                    };
                    &judged_then
                }
                _ => clock,
            }
        };
        if let Some(case) = builder.add_clock(clock) {
            if let Some(since) = since_end.get_mut(&case.report_id) {
                *since = SinceEnd::late_clock(*since);
            }
            cases.late.push(case)?;
        }
        Ok(())
    })?;
    if let Some(uncounted) = crate::domain::clocks::uncounted(started, held) {
        return Err(clocks_uncounted(uncounted).into());
    }
    // A report deleted whole leaves its clocks' count agreeing with its events', both gone
    // from the period (`forged_events::a_score_or_report_over_a_report_deleted_with_sqlite3_is_refused`).
    if let Some((logged, reports)) = periodic::reports_uncounted(conn)? {
        return Err(
            crate::exit::Failure::integrity(say::reports_uncounted(logged, reports)).into(),
        );
    }
    // The rows counted, judged against their seals: a report moved into the period, or
    // edited in place, with `sqlite3` was counted silently
    // (`forged_events::a_report_over_a_report_moved_into_its_month_with_sqlite3_names_it`).
    // Named after the figures, as `list` names its rows. Only the period's rows, and those
    // its arrivals seal as sent in it but whose rows say otherwise: a report moved out of
    // the month with `sqlite3` left the month one report short, exit 0
    // (`forged_events::a_report_or_score_over_a_report_moved_out_of_its_month_names_it`).
    // Judging every row of the file took a monthly report of 20,000 reports from 0.2 to
    // 4–5 s; the arrivals are sought on their index (docs/rules.md §5).
    let mut unsealed = Vec::new();
    periodic::for_each_unsealed(conn, &window, |id| {
        unsealed.push(id);
        Ok(())
    })?;
    periodic::for_each_moved_out(conn, &window, |id| {
        unsealed.push(id);
        Ok(())
    })?;
    unsealed.sort_unstable();
    unsealed.dedup();
    let unsealed = Unsealed {
        unheld: crate::storage::journal::unheld_among(conn, &unsealed)?,
        rows: unsealed,
        only_compared: Vec::new(),
    };
    for list in [&mut cases.late, &mut cases.prolonged, &mut cases.unresolved] {
        list.seal()?;
    }
    let built = Built {
        report: builder.finish(),
        cases,
        fields: names_then(
            conn,
            EventKind::FieldAdd,
            reference::fields(conn)?
                .into_iter()
                .map(|f| (f.code, f.name)),
            &as_of_text,
        )?
        .0,
        agencies: names_at_end(
            conn,
            reference::agencies(conn)?
                .into_iter()
                .map(|a| (a.code, a.name)),
            &named_at,
        )?,
        calendar_version: deadlines.calendar.version().to_owned(),
        working_day: deadlines.calendar.hours().per_day(),
        calendar_versions: versions.into_iter().collect(),
        meanings: settings::KNOWN
            .iter()
            .map(|k| (k.key.to_owned(), k.text(lang).into_owned()))
            .collect(),
        settings: settings::in_force(conn, &at, &["deadline.", "calendar.", "report."])?,
        limit_changes,
        document: settings::in_force(conn, &InForce::Now, &["document."])?
            .into_iter()
            .collect(),
        csv_style: settings::csv_style(conn)?,
        notes: None,
        unsealed,
        since_end,
        // The score's threshold, so that the document's chart of rates sets apart the same
        // small numbers the score does not rank (docs/rules.md §5).
        min_cases: settings::score_rules(conn, &at)?.min_cases,
        in_operation: BTreeMap::new(),
        communes: Default::default(),
        compare: None,
    };
    let mut built = built;
    built.communes = communes_then(conn, &as_of_text, Some(&built.report.period))?;
    built.in_operation = not_throughout(&reference::agencies(conn)?, &built.report.period)
        .into_iter()
        .map(|(code, (_, days))| (code, days))
        .collect();
    Ok((built, then))
}

/// The communes as the agency list named them at `as_of`, the commune-level units then
/// (`Shield::new`); with `period`, only those in operation on some day of it (§4.4's
/// current communes, `ByCommune::unlisted`).
fn communes_then(
    conn: &Connection,
    as_of: &str,
    period: Option<&Period>,
) -> Result<crate::domain::routing::Communes> {
    let agencies = reference::agencies(conn)?;
    let logged = reference::writes_if_any_after(conn, EventKind::AgencyAdd, as_of)?;
    let undo = |e: crate::domain::history::Unreadable| {
        anyhow::anyhow!(
            "cannot undo a logged change ({}: {})",
            EventKind::AgencyAdd.as_str(),
            e.0
        )
    };
    let mut names: BTreeMap<String, String> = agencies
        .iter()
        .map(|a| (a.code.clone(), a.name.clone()))
        .collect();
    let mut levels: BTreeMap<String, String> = agencies
        .iter()
        .map(|a| (a.code.clone(), a.level.clone()))
        .collect();
    let added_after = crate::domain::history::names_then(&mut names, &logged).map_err(undo)?;
    crate::domain::history::values_then(&mut levels, &logged, "level").map_err(undo)?;
    // By the level then: a ward re-added as a district-level unit after the moment was a
    // ward in operation then.
    let outside: BTreeSet<String> = match period {
        Some(period) => agencies
            .into_iter()
            .map(|a| reference::Agency {
                level: levels.get(&a.code).cloned().unwrap_or(a.level.clone()),
                ..a
            })
            .filter(|a| {
                let day = |d: &Option<String>| d.as_deref().and_then(time::parse_date);
                in_period(&a.level, day(&a.active_from), day(&a.active_until), period)
                    == InPeriod::Outside
            })
            .map(|a| a.code)
            .collect(),
        None => BTreeSet::new(),
    };
    Ok(crate::domain::routing::Communes::from_agency_names(
        names
            .iter()
            .filter(|(code, _)| {
                !added_after.contains(*code)
                    && !outside.contains(*code)
                    && levels.get(*code).is_some_and(|level| level == "commune")
            })
            .map(|(_, name)| name.as_str()),
    ))
}

/// An agency's first and last days in operation, each when inside the period (or, for one
/// in operation on no day of it, as stored).
type Days = (Option<NaiveDate>, Option<NaiveDate>);

/// The agencies not in operation on every day of `period`, by code: whether on none
/// (`InPeriod::Outside`), with their days (docs/rules.md §5).
fn not_throughout(
    agencies: &[reference::Agency],
    period: &Period,
) -> BTreeMap<String, (bool, Days)> {
    let mut found = BTreeMap::new();
    for agency in agencies {
        let day = |d: &Option<String>| d.as_deref().and_then(time::parse_date);
        let (from, until) = (day(&agency.active_from), day(&agency.active_until));
        let days = match in_period(&agency.level, from, until, period) {
            InPeriod::Throughout => continue,
            InPeriod::Outside => (true, (from, until)),
            InPeriod::Part { from, until } => (false, (from, until)),
        };
        found.insert(agency.code.clone(), days);
    }
    found
}

/// The names of agencies or fields (`kind`: the event that writes their rows) as they stood
/// at `as_of`: a rename logged after it is undone (`domain::history::names_then`), so a unit
/// renamed later (the July 2025 reform renamed and merged many) is printed by the name it had
/// at the moment, and a rerun gives the same document (docs/rules.md §5).
/// With the codes of those added after `as_of`, not there yet at the moment.
fn names_then(
    conn: &Connection,
    kind: EventKind,
    now: impl Iterator<Item = (String, String)>,
    as_of: &str,
) -> Result<(BTreeMap<String, String>, BTreeSet<String>)> {
    let mut names: BTreeMap<String, String> = now.collect();
    let logged = reference::writes_if_any_after(conn, kind, as_of)?;
    let added_after = crate::domain::history::names_then(&mut names, &logged)
        .map_err(|e| anyhow::anyhow!("cannot undo a logged change ({}: {})", kind.as_str(), e.0))?;
    Ok((names, added_after))
}

/// The agencies' names at `end`, the end of the period or the moment if earlier
/// (`domain::history::names_at_end`).
fn names_at_end(
    conn: &Connection,
    now: impl Iterator<Item = (String, String)>,
    end: &str,
) -> Result<BTreeMap<String, String>> {
    let mut names: BTreeMap<String, String> = now.collect();
    let kind = EventKind::AgencyAdd;
    let logged = reference::writes_if_any_after(conn, kind, end)?;
    crate::domain::history::names_at_end(&mut names, &logged)
        .map_err(|e| anyhow::anyhow!("cannot undo a logged change ({}: {})", kind.as_str(), e.0))?;
    Ok(names)
}

/// The portal's text for the document's section 7, as `read_notes` read it.
pub struct Notes {
    /// Each line that says something, a paragraph, names and phones hidden.
    pub paragraphs: Vec<String>,
    /// How many items of each kind were hidden; never the items (standard error may be
    /// logged).
    pub hidden: crate::domain::redact::Hidden,
    /// The lines of the file (1-based) they were hidden on, for the portal to read again
    /// before the document is printed: a place or an official named after a person is
    /// hidden by the same shape.
    pub lines: Vec<usize>,
}

/// The portal's text for the document's section 7 (Đ13.6: the outstanding issues,
/// obstacles and proposed solutions, which no figure says), read from `path`: each line
/// that says something a paragraph, control characters out. The document carries no
/// personal data (its footer says so), and this text is typed by hand about citizens'
/// reports, where a reporter's name or phone slips in: both are hidden by their shape, as
/// in the reason for a full export, line by line, and what was hidden where is kept to be
/// said. A file that says nothing is refused: it would print an empty section under the
/// heading that promises the proposals.
pub fn read_notes(path: &std::path::Path, rule: &crate::storage::private::Input) -> Result<Notes> {
    let text = crate::app::bounded::read_small(path, rule)?
        .map_err(|e| say::notes_unreadable(path, &e))?;
    // Notepad on Windows saves UTF-8 with a byte-order mark, which would open the first
    // paragraph with an invisible character.
    let text = text.strip_prefix(crate::output::BOM).unwrap_or(&text);
    let mut notes = Notes {
        paragraphs: Vec::new(),
        hidden: Default::default(),
        lines: Vec::new(),
    };
    for (at, line) in crate::domain::text::nfc(text).lines().enumerate() {
        let hidden = crate::domain::redact::redact_people(line);
        if hidden.hidden.total() > 0 {
            notes.hidden = notes.hidden.plus(hidden.hidden);
            notes.lines.push(at + 1);
        }
        let line = crate::domain::text::printable(&hidden.text)
            .trim()
            .to_owned();
        if crate::domain::statement::says_something(&line) {
            notes.paragraphs.push(line);
        }
    }
    if notes.paragraphs.is_empty() {
        bail!(say::notes_empty(path));
    }
    Ok(notes)
}

/// The clock last read, for [`clock_fault`]: its report, stage, start event and round.
pub type LastClock = Option<(i64, Stage, i64, i64)>;

/// What of `clock` does not hold against the log, as `report`, `score` and `list --overdue
/// --ever` judge a clock row before counting or listing it: its stop time's form; its start
/// and stop against the steps of the log (`ClockFact::unlogged_step`), and its start after
/// the start of the round before it (`last`, the clock read before it, which this updates:
/// the rows come by report, stage and round; a late round given the next round's start and
/// stop read as on time), and its round as the one after that round's; its late flag
/// against its stop and deadline (`flag_holds`); its agency (`agency_fault`); and, stopped,
/// its deadline and the kind of time it is counted in against those its start step gives
/// under the calendar and limits in force just before its stop (`before_stop`), which it was
/// last computed under: a deadline moved later with the late flag agreed with the flag. An
/// open clock's deadline is the caller's to judge, under the calendar of its moment.
pub fn clock_fault(
    clock: &ClockFact,
    last: &mut LastClock,
    before_stop: &mut crate::app::deadlines::BeforeEach<'_>,
) -> Result<Option<ClockFault>> {
    if let Some(text) = &clock.odd_stop {
        return Ok(Some(ClockFault::OddStop(text.clone())));
    }
    let start = clock.start_step.as_ref().map(|s| s.event);
    let same_duty =
        last.filter(|(report, stage, ..)| (*report, *stage) == (clock.report_id, clock.stage));
    let after_last = match (same_duty, start) {
        (Some((.., prev, _)), Some(start)) => start > prev,
        _ => true,
    };
    let unlogged = clock
        .unlogged_step()
        .or((!after_last).then_some(Unlogged::Start));
    if let Some(end) = unlogged {
        return Ok(Some(ClockFault::Step(end)));
    }
    *last = start.map(|start| (clock.report_id, clock.stage, start, clock.round));
    // Rounds are numbered from 1 as a stage starts again (`storage::clocks::Keeper`), and
    // the rows come in their order: a round renumbered with `sqlite3` changed the report's
    // "round" column, exit 0.
    let round = same_duty.map_or(1, |(.., round)| round + 1);
    if clock.round != round {
        return Ok(Some(ClockFault::Round(round)));
    }
    if !clock.flag_holds() {
        return Ok(Some(ClockFault::Flag));
    }
    if let Some(logged) = clock.agency_fault() {
        return Ok(Some(ClockFault::Agency(logged.map(str::to_owned))));
    }
    if clock.stopped_at.is_some() {
        let stop = clock.stop_step.as_ref().map_or(i64::MAX, |s| s.event);
        let then = before_stop.for_clock(clock.report_id, clock.stage, clock.round, stop)?;
        match unlogged_deadline(
            &clock.as_open_row(),
            &then.calendar,
            &then.policy,
            &before_stop.kept(),
        ) {
            Some(UnloggedDeadline::Deadline(logged)) => {
                return Ok(Some(ClockFault::Deadline(logged)));
            }
            Some(UnloggedDeadline::Rule(logged)) => return Ok(Some(ClockFault::Rule(logged))),
            _ => {}
        }
    }
    Ok(None)
}

/// The first stopped clock, in the clocks' key order, that does not hold against the log
/// ([`clock_fault`]), with what does not: `list --overdue --ever` lists the reports by their
/// stopped clocks' late flags, and a flag set or cleared with `sqlite3` put a report in
/// that list or took it out. One read of the stopped clocks with their start and stop
/// events (`storage::periodic::for_each_stopped_clock`), a clock at a time. Every row
/// holding, the clocks read and the open ones against the clocks the whole log starts, the
/// check `report` and `score` make over a period (`domain::clocks::uncounted`): a late clock
/// deleted leaves no row to judge, and took its report out of the list, exit 0
/// (`forged_events::an_overdue_list_over_a_late_clock_deleted_with_sqlite3_is_refused`).
/// That count reads the log's rows once more and the open clocks' index, in the snapshot
/// the stopped clocks were read in: an honest step between the reads would count apart.
pub fn first_stopped_fault(conn: &Connection) -> Result<Option<StoppedFault>> {
    let _read = crate::storage::tx::snapshot(conn)?;
    let mut before_stop = crate::app::deadlines::BeforeEach::new(conn)?;
    let mut last = None;
    let mut found = None;
    let mut stopped = 0u64;
    periodic::for_each_stopped_clock(conn, |clock| {
        stopped += 1;
        if let Some(fault) = clock_fault(clock, &mut last, &mut before_stop)? {
            found = Some(StoppedFault::Clock(Box::new(clock.clone()), fault));
            return Ok(false);
        }
        Ok(true)
    })?;
    if found.is_some() {
        return Ok(found);
    }
    let (started, open) = periodic::clocks_started_and_open(conn)?;
    Ok(crate::domain::clocks::uncounted(started, stopped + open).map(StoppedFault::Uncounted))
}

/// The refusal (exit 5) of a report or score over a clock whose stop time is not stored as
/// phananh writes it: the moment compares the text, so the clock would count as stopped or
/// running by how it was rewritten (with `sqlite3`), not by when it stopped.
/// Refuses a report or score over a submission time phananh cannot have written: another
/// form of an instant sorts into another period (or none), and a text of its shape that
/// names no moment is in no calendar's period. `audit verify` names the row as an edit.
fn odd_submission(id: i64, text: &str) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::odd_submission(id, text))
}

fn odd_stop(clock: &ClockFact, text: &str) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::odd_stop(clock, text))
}

/// A stopped clock whose late flag is not the one its stop and deadline give
/// (`ClockFact::flag_holds`): an agency's late cases marked on time with `sqlite3` ranked it
/// on every case on time
/// (`forged_events::a_score_over_late_cases_marked_on_time_with_sqlite3_is_refused`).
fn flag_edited(clock: &ClockFact) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::flag_edited(clock))
}

/// The file's schema is not what the migrations make (`storage::schema::first_difference`).
fn schema_changed(change: &crate::domain::audit::ChainBreak) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::schema_changed(change))
}

/// The period's clocks are not as many as its reports' logs start: one deleted (or added)
/// with `sqlite3` counts no longer (or counts besides). Which report is `audit verify`'s
/// to name: the streams are compared by their totals, in flat memory.
fn clocks_uncounted(uncounted: crate::domain::clocks::Uncounted) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::clocks_uncounted(uncounted.started, uncounted.held))
}

/// A clock whose start or stop is not a step the log gives it (`ClockFact::unlogged_step`):
/// its deadline and late flag are judged from them.
fn step_edited(clock: &ClockFact, end: Unlogged) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::step_edited(clock, end))
}

/// A clock whose deadline is not the one its start step gives under the calendar and limits
/// it was last computed under: moved later together with the late flag, a late case read as
/// on time (`forged_events::a_score_over_late_cases_given_a_later_deadline_with_sqlite3_is_refused`).
fn deadline_edited(clock: &ClockFact, logged: &Timestamp) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::deadline_edited(clock, &time::format(logged)))
}

/// A clock whose deadline holds but is counted in another kind of time than its start step
/// gives: `clock_hours` set on a working-hours clock with `sqlite3` turned a lateness of
/// "5 h 44 min of working time" in the report's list of late cases into "9 h 4 min"
/// (`forged_events::a_clock_counted_in_another_kind_of_time_with_sqlite3_is_refused`).
fn rule_edited(clock: &ClockFact, logged: crate::domain::deadline::Rule) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::rule_edited(clock, logged))
}

/// A clock whose round is not its place among its stage's (`logged`): renumbered with
/// `sqlite3`, the report's late list printed the number the row held
/// (`forged_events::a_clock_renumbered_with_sqlite3_is_refused`).
fn round_edited(clock: &ClockFact, logged: i64) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::round_edited(clock, logged))
}

/// A clock whose agency is not the one the log gives it (`ClockFact::agency_fault`), or
/// whose start event is another report's: an agency's late cases moved to another with
/// `sqlite3` were counted against that one
/// (`forged_events::a_score_over_late_cases_moved_to_another_agency_with_sqlite3_is_refused`).
fn agency_edited(clock: &ClockFact, logged: Option<&str>) -> crate::exit::Failure {
    crate::exit::Failure::integrity(say::agency_edited(clock, logged))
}

/// Refuses (exit 5) when the calendar or the settings that figures, weights and paper are
/// read from hold a row the log does not vouch for: a weight inserted with `sqlite3` would
/// change every agency's score, and the rules `score --explain` prints, without a word
/// (SECURITY.md).
fn refuse_unvouched(conn: &Connection) -> Result<()> {
    let Some(problem) = crate::app::audit::unvouched_for_figures(conn)? else {
        return Ok(());
    };
    Err(
        crate::exit::Failure::integrity(crate::output::report::refusals::figures_unvouched(
            &problem,
        ))
        .into(),
    )
}

/// What `score` asked for: the rules in force (for `--explain`), or the ranked rows with
/// the CSV style the setting `csv.style` asks for and the rows counted that the log does
/// not vouch for (named after the scores).
pub enum Scored {
    Explained(Rules),
    Ranked(Box<ScoreSheet>, crate::output::CsvStyle, Unsealed),
}

/// The year of `score --year`: a half-year or a quarter given there is pointed to --period.
pub fn score_year(text: &str) -> Result<Period, Localized> {
    let text = text.trim();
    match score_period(text) {
        Ok(period) if period.kind != "year" => Err(say::not_a_year(text, period.kind)),
        other => other,
    }
}

/// A scoring period: a year, a half-year or a quarter.
pub fn score_period(text: &str) -> Result<Period, Localized> {
    Period::year(text)
        .filter(|_| !text.contains('-'))
        .or_else(|| Period::half(text))
        .or_else(|| Period::quarter(text))
        .ok_or_else(|| say::invalid_score_period(text))
}

/// `score`: every agency of the reference data there at the moment ranked over the reports
/// received in `period` (an agency with nothing assigned is listed, unscored); or, with no
/// period, the rules that `--explain` prints.
pub fn score(ctx: &Context, period: Option<Period>) -> Result<Scored> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Reports, None)?;
    let _read = figures_snapshot(&conn)?;
    let Some(period) = period else {
        refuse_unvouched(&conn)?;
        return Ok(Scored::Explained(settings::score_rules(
            &conn,
            &InForce::Now,
        )?));
    };
    let (built, then) = build_with(&conn, period.clone(), &ctx.now, None, ctx.lang)?;
    let at = match &then {
        Some(state) => InForce::Then(&state.settings),
        None => InForce::Now,
    };
    let rules = settings::score_rules(&conn, &at)?;
    // `settings set` refuses to leave them so; a database changed outside it, or the
    // settings of a moment before that rule, may still have them all at 0.
    let w = &rules.weights;
    if [w.on_time, w.returns, w.send_backs, w.satisfaction]
        .iter()
        .all(|w| w.is_zero())
    {
        let weights = crate::app::configure::WEIGHTS.join(", ");
        bail!(say::weights_all_zero(&weights));
    }
    // The agencies there at the moment, by their names then (`names_then`): one added or
    // renamed later would change the sheet of a past moment on every rerun. One logged
    // later that was given reports before the moment was there for them all the same (work
    // entered after the fact with `--now` set back): its cases are scored, as `report`
    // counts them.
    let agencies = reference::agencies(&conn)?;
    let (_, added_after) = names_then(
        &conn,
        EventKind::AgencyAdd,
        agencies.iter().map(|a| (a.code.clone(), a.name.clone())),
        &time::format(&ctx.now),
    )?;
    // Named as at the period's end (`Period::named_at`), as the report names them.
    let names = names_at_end(
        &conn,
        agencies.iter().map(|a| (a.code.clone(), a.name.clone())),
        &time::format(&period.named_at(&ctx.now)),
    )?;
    let has_cases = |code: &str| {
        built
            .report
            .cases_by_agency
            .iter()
            .any(|a| a.agency == code)
    };
    // An agency not in operation on any day of the period is left out, unless it has cases
    // there (they are never hidden); one in operation on part of it is marked, so that its
    // figures are not read as a whole period's (docs/rules.md §5).
    let parts = not_throughout(&agencies, &period);
    let mut not_in_operation = 0;
    let mut counts = Vec::new();
    for agency in agencies {
        if added_after.contains(&agency.code) && !has_cases(&agency.code) {
            continue;
        }
        if parts.get(&agency.code).is_some_and(|(outside, _)| *outside) && !has_cases(&agency.code)
        {
            not_in_operation += 1;
            continue;
        }
        let name = names.get(&agency.code).cloned().unwrap_or(agency.name);
        let counts_of = built
            .report
            .cases_by_agency
            .iter()
            .find(|a| a.agency == agency.code)
            .cloned()
            .unwrap_or_else(|| CaseCounts {
                agency: agency.code.clone(),
                ..Default::default()
            });
        counts.push((counts_of, name));
    }
    let mut rows = rank(&counts, &rules).map_err(|_| say::too_large())?;
    for row in &mut rows {
        if let Some((_, (from, until))) = parts.get(&row.agency) {
            row.in_operation_from = *from;
            row.in_operation_until = *until;
        }
    }
    Ok(Scored::Ranked(
        Box::new(ScoreSheet {
            rows,
            period,
            as_of: built.report.as_of.clone(),
            running: built.report.running,
            rules,
            calendar_version: built.calendar_version,
            calendar_versions: built.calendar_versions,
            not_in_operation,
            limit_changes: built.limit_changes,
        }),
        built.csv_style,
        built.unsealed,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::ChainBreak;

    fn clock(breached: Option<bool>, agency: Option<&str>) -> ClockFact {
        ClockFact {
            report_id: 42,
            external_id: "APP-42".to_owned(),
            stage: Stage::Process,
            round: 2,
            agency: agency.map(str::to_owned),
            started_at: "2026-10-01T08:00:00+07:00".to_owned(),
            due_at: "2026-10-01T12:00:00+07:00".to_owned(),
            stopped_at: Some("2026-10-01T15:30:00+07:00".to_owned()),
            breached,
            stopped_by: None,
            started_by: None,
            calendar_version: String::new(),
            rule: crate::domain::deadline::Rule::WorkingHours,
            odd_stop: None,
            start_report: None,
            assigned: None,
            submitted_at: String::new(),
            start_step: None,
            stored_stop: None,
            stop_step: None,
            first_stop: None,
        }
    }

    /// Every refusal (exit 5) of a report or score over figures edited behind the tool's
    /// back, whole in both languages: what was found, that nothing was printed, what to do.
    #[test]
    fn each_refusal_over_edited_figures_is_worded_whole_in_both_languages() {
        let texts = |failure: crate::exit::Failure| {
            assert_eq!(failure.class, crate::exit::Class::Integrity);
            format!("{}\n{}", failure.message.vi, failure.message.en)
        };
        let logged = time::parse("2026-10-02T09:00:00+07:00").unwrap().unwrap();
        let said = [
            texts(odd_submission(42, "2026-10-01 08:00")),
            texts(odd_stop(&clock(None, Some("SXD")), "yesterday")),
            texts(flag_edited(&clock(Some(false), Some("SXD")))),
            texts(flag_edited(&clock(Some(true), Some("SXD")))),
            texts(schema_changed(&ChainBreak::EventAltered { id: 7 })),
            texts(clocks_uncounted(crate::domain::clocks::Uncounted {
                started: 10,
                held: 9,
            })),
            texts(step_edited(&clock(None, Some("SXD")), Unlogged::Start)),
            texts(step_edited(&clock(None, Some("SXD")), Unlogged::Stop)),
            texts(deadline_edited(&clock(None, Some("SXD")), &logged)),
            texts(rule_edited(
                &clock(None, Some("SXD")),
                crate::domain::deadline::Rule::ClockHours,
            )),
            texts(round_edited(&clock(None, Some("SXD")), 1)),
            texts(agency_edited(&clock(None, Some("SXD")), Some("SYT"))),
            texts(agency_edited(&clock(None, None), None)),
        ]
        .join("\n\n");
        let expected = [
            "phản ánh 42: thời điểm gửi được lưu là “2026-10-01 08:00”, không như phananh ghi (bị sửa ngoài phananh), nên không kỳ nào xếp đúng được. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its submission time is stored as \"2026-10-01 08:00\", not as phananh writes it (edited outside phananh), so no period can place it rightly. Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 dừng lúc “yesterday”, không như phananh ghi (bị sửa ngoài phananh), nên không biết nó dừng trước hay sau thời điểm tính số liệu. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 stopped at \"yesterday\", not as phananh writes it (edited outside phananh), so whether it stopped before the moment of the figures cannot be told. Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 được đánh dấu là đúng hạn, nhưng dừng lúc 01/10/2026\u{a0}15:30 so với hạn 01/10/2026\u{a0}12:00 (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 is marked on time, but it stopped at 2026-10-01\u{a0}15:30 against a deadline of 2026-10-01\u{a0}12:00 (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 được đánh dấu là trễ, nhưng dừng lúc 01/10/2026\u{a0}15:30 so với hạn 01/10/2026\u{a0}12:00 (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 is marked late, but it stopped at 2026-10-01\u{a0}15:30 against a deadline of 2026-10-01\u{a0}12:00 (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "Lược đồ của tệp không như phananh tạo ra: sự kiện 7: mã băm đã lưu không khớp với nội dung, nên sự kiện không khớp với chuỗi nhật ký (được thêm, thay hoặc sửa ngoài phananh). Một chỉ mục dựng lại theo định nghĩa khác có thể giấu phản ánh khỏi số liệu. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nthe file's schema is not the one phananh makes: event 7: its stored hash does not match its content: the event does not hold in the chain (appended, replaced or edited outside phananh). An index rebuilt under another definition can hide reports from the figures. Nothing was printed. Run `phananh audit verify` and tell an admin",
            "Các phản ánh của kỳ có 9 thời hạn, nhưng nhật ký của chúng bắt đầu 10 (thời hạn bị xóa hoặc thêm ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nthe reports of the period hold 9 clocks, but their logs start 10 (clocks deleted or added outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 có lúc bắt đầu không khớp bước nào của phản ánh trong nhật ký (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 has a start that matches no step of the report in the log (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 có lúc dừng không khớp bước nào của phản ánh trong nhật ký (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 has a stop that matches no step of the report in the log (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 ghi hạn 01/10/2026\u{a0}12:00, nhưng theo nhật ký hạn là 02/10/2026\u{a0}09:00 (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 has a deadline of 2026-10-01\u{a0}12:00, but the log gives 2026-10-02\u{a0}09:00 (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 tính hạn 01/10/2026\u{a0}12:00 theo giờ làm việc, nhưng nhật ký tính theo giờ liên tục (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 counts its deadline of 2026-10-01\u{a0}12:00 in working hours, but the log counts it in clock hours (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý ghi là lượt 2, nhưng theo thứ tự các lượt của bước ấy là lượt 1 (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock is numbered round 2, but it is round 1 of its stage (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 được tính cho SXD, nhưng nhật ký giao phản ánh cho SYT (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 runs against SXD, but the log assigned the report to SYT (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            "phản ánh 42: thời hạn xử lý lượt 2 được tính cho Cổng, nhưng nhật ký giao phản ánh cho Cổng (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.\nreport 42: its processing clock of round 2 runs against the portal, but the log assigned the report to the portal (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
        ];
        assert_eq!(said, expected.join("\n\n"));
    }
}
