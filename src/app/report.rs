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

use std::collections::BTreeSet;

use anyhow::{Result, bail};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::app::Context;
use crate::app::deadlines::Deadlines;
use crate::app::settings::{self, InForce};
use crate::domain::access::Operation;
use crate::domain::clocks::{Unlogged as UnloggedDeadline, unlogged_deadline};
use crate::domain::deadline::Stage;
use crate::domain::history::State;
use crate::domain::periodic::{
    Builder, CaseCounts, ClockFact, ClockFault, Period, Unlogged, YEARS,
};
use crate::domain::score::{Rules, ScoreSheet, rank};
use crate::domain::time::{self, Timestamp};
use crate::i18n::Bilingual;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::output::report::{Built, CaseLists};
use crate::output::spool::Keep;
use crate::storage::{periodic, reference};

/// The error for a range that does not parse, or a year typed short (checked before the
/// database is opened).
fn invalid_period() -> Localized {
    let (first, last) = (YEARS.start(), YEARS.end());
    Localized::new(
        format!(
            "Kỳ báo cáo không hợp lệ: dùng 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm), hoặc --from ≤ --to (YYYY-MM-DD); năm viết đủ bốn chữ số, từ {first} đến {last}."
        ),
        format!(
            "the period is not valid: use 2026-07 (month), 2026-Q3 (quarter), 2026-H1 (half-year), 2026 (year), or --from ≤ --to (YYYY-MM-DD); the year in four digits, {first} to {last}"
        ),
    )
}

/// The kind of period a `report` subcommand covers, each with its own `--period` form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl PeriodKind {
    const ALL: [PeriodKind; 4] = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::HalfYear,
        PeriodKind::Year,
    ];

    fn parse(self, text: &str) -> Option<Period> {
        match self {
            PeriodKind::Month => Period::month(text),
            PeriodKind::Quarter => Period::quarter(text),
            PeriodKind::HalfYear => Period::half(text),
            PeriodKind::Year => Period::year(text),
        }
    }

    /// The subcommand, as typed after `report`.
    fn command(self) -> &'static str {
        match self {
            PeriodKind::Month => "monthly",
            PeriodKind::Quarter => "quarterly",
            PeriodKind::HalfYear => "half-year",
            PeriodKind::Year => "annual",
        }
    }

    fn example(self) -> &'static str {
        match self {
            PeriodKind::Month => "2026-07",
            PeriodKind::Quarter => "2026-Q3",
            PeriodKind::HalfYear => "2026-H1",
            PeriodKind::Year => "2026",
        }
    }

    /// "a month", as said of a value: Vietnamese, English.
    fn noun(self) -> (&'static str, &'static str) {
        match self {
            PeriodKind::Month => ("một tháng", "a month"),
            PeriodKind::Quarter => ("một quý", "a quarter"),
            PeriodKind::HalfYear => ("kỳ 6 tháng", "a half-year"),
            PeriodKind::Year => ("một năm", "a year"),
        }
    }
}

/// The period `report KIND --period TEXT` covers. A value of another kind (`report
/// monthly --period 2026-Q3`) is the commonest slip, and listing every form there would
/// name the very value typed as valid: the refusal says what the value is and the
/// subcommand that takes it.
pub fn report_period(kind: PeriodKind, text: &str) -> Result<Period, Localized> {
    let text = text.trim();
    if let Some(period) = kind.parse(text) {
        return Ok(period);
    }
    let (want_vi, want_en) = kind.noun();
    let (command, example) = (kind.command(), kind.example());
    if let Some(other) = PeriodKind::ALL
        .into_iter()
        .find(|other| other.parse(text).is_some())
    {
        let (is_vi, is_en) = other.noun();
        let instead = format!("phananh report {} --period {text}", other.command());
        return Err(Localized::new(
            format!(
                "“{text}” là {is_vi}: dùng `{instead}` (report {command} lập báo cáo {want_vi}, --period dạng {example})."
            ),
            format!(
                "“{text}” is {is_en}: use `{instead}` (report {command} reports on {want_en}, --period like {example})"
            ),
        ));
    }
    let (first, last) = (YEARS.start(), YEARS.end());
    Err(Localized::new(
        format!(
            "Kỳ báo cáo “{text}” không hợp lệ: report {command} lập báo cáo {want_vi}, --period dạng {example}; năm viết đủ bốn chữ số, từ {first} đến {last}."
        ),
        format!(
            "the period “{text}” is not valid: report {command} reports on {want_en}, --period like {example}; the year in four digits, {first} to {last}"
        ),
    ))
}

/// The refusal of `report KIND` without its `--period` (not `required` for clap: its
/// Vietnamese usage line named the option twice, and its English one showed `--db` as
/// required), as `score`'s names the forms of its period.
pub fn missing_period(kind: PeriodKind) -> Localized {
    let (noun_vi, noun_en) = kind.noun();
    let (command, example) = (kind.command(), kind.example());
    // The other kinds only: "a quarter … has its own subcommand" said to `report quarterly`
    // reads as if it were another one's.
    let others = |lang: Lang| {
        PeriodKind::ALL
            .into_iter()
            .filter(|k| *k != kind)
            .map(|k| match k {
                PeriodKind::Month => lang.pick("tháng", "month"),
                PeriodKind::Quarter => lang.pick("quý", "quarter"),
                PeriodKind::HalfYear => lang.pick("6 tháng", "half-year"),
                PeriodKind::Year => lang.pick("năm", "year"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (others_vi, others_en) = (others(Lang::Vi), others(Lang::En));
    Localized::new(
        format!(
            "Thiếu kỳ báo cáo: thêm --period {example} (report {command} lập báo cáo {noun_vi}; {others_vi} và khoảng ngày có lệnh con riêng: `phananh report --help`).\nCách dùng: phananh report {command} --period {example} [--out TỆP] [--force]"
        ),
        format!(
            "the period is missing: add --period {example} (report {command} reports on {noun_en}; a {others_en} or span of days has its own subcommand: `phananh report --help`)\nUsage: phananh report {command} --period {example} [--out FILE] [--force]"
        ),
    )
}

/// The refusal of `report range` without one of its ends, or both.
pub fn missing_days(from: bool, to: bool) -> Localized {
    let missing = match (from, to) {
        (false, true) => "--from",
        (true, false) => "--to",
        _ => "--from, --to",
    };
    Localized::new(
        format!(
            "Thiếu {missing}: report range cần ngày đầu và ngày cuối, ví dụ --from 2026-09-15 --to 2026-10-15 (tính cả hai ngày).\nCách dùng: phananh report range --from NGÀY --to NGÀY [--out TỆP] [--force]"
        ),
        format!(
            "{missing} missing: report range needs the first and the last day, e.g. --from 2026-09-15 --to 2026-10-15 (both included)\nUsage: phananh report range --from DAY --to DAY [--out FILE] [--force]"
        ),
    )
}

/// The days `report range --from FROM --to TO` covers. Ends typed the wrong way round are
/// said as such: the general refusal would only repeat the rule `--from ≤ --to`.
pub fn range_period(first: NaiveDate, last: NaiveDate) -> Result<Period, Localized> {
    if let Some(period) = Period::range(first, last) {
        return Ok(period);
    }
    let within = YEARS.contains(&first.year()) && YEARS.contains(&last.year());
    if within && first > last {
        let (from, to) = (first, last);
        return Err(Localized::new(
            format!(
                "--from {from} ở sau --to {to}: ngày đầu phải trước hoặc bằng ngày cuối. Hãy đổi chỗ hai ngày: --from {to} --to {from}."
            ),
            format!(
                "--from {from} comes after --to {to}: the first day must not be after the last. Swap them: --from {to} --to {from}"
            ),
        ));
    }
    Err(invalid_period())
}

/// `report …`: the report of `period` as of the context's clock, for an account that may
/// read reports.
pub fn periodic_report(ctx: &Context, period: Period, keep: Keep) -> Result<Built> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Reports, None)?;
    build(ctx, &conn, period, &ctx.now, keep)
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
    let mut shield = Shield::new(ctx, conn)?;
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
    pub fn new(ctx: &'a Context, conn: &'a Connection) -> Result<Shield<'a>> {
        Ok(Shield {
            ctx,
            conn,
            known: crate::app::routing::communes(conn)?,
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
/// then, and the calendar and settings in force then — a later change to either is undone
/// from its logged event. A clock still open at the moment is judged by the deadline the
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
        bail!(not_begun(&period, as_of, keep.is_none()));
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
    if let Some((id, text)) = crate::storage::periodic::odd_submission(conn)? {
        return Err(odd_submission(id, &text).into());
    }
    let as_of_text = time::format(as_of);
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
    let bar = crate::output::progress(periodic::count_reports(conn, &window)?, &label);
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
            cases.unresolved.push(case)?;
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    let mut versions = BTreeSet::from([deadlines.calendar.version().to_owned()]);
    let mut before_stop = crate::app::deadlines::BeforeEach::new(conn)?;
    // The last clock read: a round's start must come after the round before it of the same
    // report and stage (a late round given the next round's start and stop read as on time).
    let mut last: Option<(i64, Stage, i64)> = None;
    periodic::for_each_clock(conn, &window, |clock| {
        held += 1;
        if let Some(fault) = clock_fault(clock, &mut last, &mut before_stop)? {
            return Err(match fault {
                ClockFault::OddStop(text) => odd_stop(clock, &text),
                ClockFault::Step(end) => step_edited(clock, end),
                ClockFault::Flag => flag_edited(clock),
                ClockFault::Agency(logged) => agency_edited(clock, logged.as_deref()),
                ClockFault::Deadline(logged) => deadline_edited(clock, &logged),
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
            match unlogged_deadline(&clock.as_open_row(), &deadlines.calendar, &deadlines.policy) {
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
            cases.late.push(case)?;
        }
        Ok(())
    })?;
    if started != held {
        return Err(clocks_uncounted(started, held).into());
    }
    for list in [&mut cases.late, &mut cases.prolonged, &mut cases.unresolved] {
        list.seal()?;
    }
    let built = Built {
        report: builder.finish(),
        cases,
        fields: reference::fields(conn)?
            .into_iter()
            .map(|f| (f.code, f.name))
            .collect(),
        agencies: reference::agencies(conn)?
            .into_iter()
            .map(|a| (a.code, a.name))
            .collect(),
        calendar_version: deadlines.calendar.version().to_owned(),
        calendar_versions: versions.into_iter().collect(),
        meanings: settings::KNOWN
            .iter()
            .map(|k| (k.key.to_owned(), k.text(lang).into_owned()))
            .collect(),
        settings: settings::in_force(conn, &at, &["deadline.", "calendar.", "report."])?,
        document: settings::in_force(conn, &InForce::Now, &["document."])?
            .into_iter()
            .collect(),
        csv_style: settings::csv_style(conn)?,
    };
    Ok((built, then))
}

/// The clock last read, for [`clock_fault`]: its report, stage and start event.
pub type LastClock = Option<(i64, Stage, i64)>;

/// What of `clock` does not hold against the log, as `report`, `score` and `list --overdue
/// --ever` judge a clock row before counting or listing it: its stop time's form; its start
/// and stop against the steps of the log (`ClockFact::unlogged_step`), and its start after
/// the start of the round before it (`last`, the clock read before it, which this updates:
/// the rows come by report, stage and round; a late round given the next round's start and
/// stop read as on time); its late flag against its stop and deadline (`flag_holds`); its
/// agency (`agency_fault`); and, stopped, its deadline against the one its start step gives
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
    let after_last = match (*last, start) {
        (Some((report, stage, prev)), Some(start)) => {
            report != clock.report_id || stage != clock.stage || start > prev
        }
        _ => true,
    };
    let unlogged = clock
        .unlogged_step()
        .or((!after_last).then_some(Unlogged::Start));
    if let Some(end) = unlogged {
        return Ok(Some(ClockFault::Step(end)));
    }
    *last = start.map(|start| (clock.report_id, clock.stage, start));
    if !clock.flag_holds() {
        return Ok(Some(ClockFault::Flag));
    }
    if let Some(logged) = clock.agency_fault() {
        return Ok(Some(ClockFault::Agency(logged.map(str::to_owned))));
    }
    if clock.stopped_at.is_some() {
        let stop = clock.stop_step.as_ref().map_or(i64::MAX, |s| s.event);
        let then = before_stop.step(stop)?;
        if let Some(UnloggedDeadline::Deadline(logged)) =
            unlogged_deadline(&clock.as_open_row(), &then.calendar, &then.policy)
        {
            return Ok(Some(ClockFault::Deadline(logged)));
        }
    }
    Ok(None)
}

/// The first stopped clock, in the clocks' key order, that does not hold against the log
/// ([`clock_fault`]), with what does not: `list --overdue --ever` lists the reports by their
/// stopped clocks' late flags, and a flag set or cleared with `sqlite3` put a report in
/// that list or took it out. One read of the stopped clocks with their start and stop
/// events (`storage::periodic::for_each_stopped_clock`), a clock at a time.
pub fn first_stopped_fault(conn: &Connection) -> Result<Option<(ClockFact, ClockFault)>> {
    let mut before_stop = crate::app::deadlines::BeforeEach::new(conn)?;
    let mut last = None;
    let mut found = None;
    periodic::for_each_stopped_clock(conn, |clock| {
        if let Some(fault) = clock_fault(clock, &mut last, &mut before_stop)? {
            found = Some((clock.clone(), fault));
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(found)
}

/// The refusal (exit 5) of a report or score over a clock whose stop time is not stored as
/// phananh writes it: the moment compares the text, so the clock would count as stopped or
/// running by how it was rewritten (with `sqlite3`), not by when it stopped.
/// Refuses a report or score over a submission time phananh cannot have written: another
/// form of an instant sorts into another period (or none), and a text of its shape that
/// names no moment is in no calendar's period. `audit verify` names the row as an edit.
fn odd_submission(id: i64, text: &str) -> crate::exit::Failure {
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "phản ánh {id}: thời điểm gửi được lưu là \"{text}\", không như phananh ghi (bị sửa ngoài phananh), nên không kỳ nào xếp đúng được. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "report {id}: its submission time is stored as \"{text}\", not as phananh writes it (edited outside phananh), so no period can place it rightly. Nothing was printed. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

fn odd_stop(clock: &ClockFact, text: &str) -> crate::exit::Failure {
    use crate::i18n::Bilingual;
    let (id, stage) = (clock.report_id, clock.stage);
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} vòng {} dừng lúc \"{text}\", không như phananh ghi (bị sửa ngoài phananh), nên không biết nó dừng trước hay sau thời điểm tính số liệu. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            clock.round
        ),
        format!(
            "report {id}: its {} clock of round {} stopped at \"{text}\", not as phananh writes it (edited outside phananh), so whether it stopped before the moment of the figures cannot be told. Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            clock.round
        ),
    ))
}

/// A stopped clock whose late flag is not the one its stop and deadline give
/// (`ClockFact::flag_holds`): an agency's late cases marked on time with `sqlite3` ranked it
/// on every case on time
/// (`forged_events::a_score_over_late_cases_marked_on_time_with_sqlite3_is_refused`).
fn flag_edited(clock: &ClockFact) -> crate::exit::Failure {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    let late = clock.breached == Some(true);
    let when = |text: &Option<String>, lang| {
        text.as_deref()
            .map(|t| crate::output::layout::when_exact(t, lang))
            .unwrap_or_default()
    };
    let due = Some(clock.due_at.clone());
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} vòng {round} được đánh dấu là {}, nhưng dừng lúc {} so với hạn {} (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            if late { "trễ" } else { "đúng hạn" },
            when(&clock.stopped_at, Lang::Vi),
            when(&due, Lang::Vi),
        ),
        format!(
            "report {id}: its {} clock of round {round} is marked {}, but it stopped at {} against a deadline of {} (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            if late { "late" } else { "on time" },
            when(&clock.stopped_at, Lang::En),
            when(&due, Lang::En),
        ),
    ))
}

/// The file's schema is not what the migrations make (`storage::schema::first_difference`).
fn schema_changed(change: &crate::domain::audit::ChainBreak) -> crate::exit::Failure {
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "Lược đồ của tệp không như phananh tạo ra: {}. Một chỉ mục dựng lại theo định nghĩa khác có thể giấu phản ánh khỏi số liệu. Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            change.vi()
        ),
        format!(
            "the file's schema is not the one phananh makes: {change}. An index rebuilt under another definition can hide reports from the figures. Nothing was printed. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

/// The period's clocks are not as many as its reports' logs start: one deleted (or added)
/// with `sqlite3` counts no longer (or counts besides). Which report is `audit verify`'s
/// to name: the streams are compared by their totals, in flat memory.
fn clocks_uncounted(started: u64, held: u64) -> crate::exit::Failure {
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "Các phản ánh của kỳ có {held} thời hạn, nhưng nhật ký của chúng bắt đầu {started} (thời hạn bị xóa hoặc thêm ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên."
        ),
        format!(
            "the reports of the period hold {held} clocks, but their logs start {started} (clocks deleted or added outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin"
        ),
    ))
}

/// A clock whose start or stop is not a step the log gives it (`ClockFact::unlogged_step`):
/// its deadline and late flag are judged from them.
fn step_edited(clock: &ClockFact, end: Unlogged) -> crate::exit::Failure {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    let (vi, en) = match end {
        Unlogged::Start => ("lúc bắt đầu", "start"),
        Unlogged::Stop => ("lúc dừng", "stop"),
    };
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} vòng {round} có {vi} không khớp bước nào của phản ánh trong nhật ký (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
        ),
        format!(
            "report {id}: its {} clock of round {round} has a {en} that matches no step of the report in the log (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
        ),
    ))
}

/// A clock whose deadline is not the one its start step gives under the calendar and limits
/// it was last computed under: moved later together with the late flag, a late case read as
/// on time (`forged_events::a_score_over_late_cases_given_a_later_deadline_with_sqlite3_is_refused`).
fn deadline_edited(clock: &ClockFact, logged: &Timestamp) -> crate::exit::Failure {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    let logged = time::format(logged);
    let when = |text: &str, lang| crate::output::layout::when_exact(text, lang);
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} vòng {round} ghi hạn {}, nhưng theo nhật ký hạn là {} (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            when(&clock.due_at, Lang::Vi),
            when(&logged, Lang::Vi),
        ),
        format!(
            "report {id}: its {} clock of round {round} has a deadline of {}, but the log gives {} (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            when(&clock.due_at, Lang::En),
            when(&logged, Lang::En),
        ),
    ))
}

/// A clock whose agency is not the one the log gives it (`ClockFact::agency_fault`), or
/// whose start event is another report's: an agency's late cases moved to another with
/// `sqlite3` were counted against that one
/// (`forged_events::a_score_over_late_cases_moved_to_another_agency_with_sqlite3_is_refused`).
fn agency_edited(clock: &ClockFact, logged: Option<&str>) -> crate::exit::Failure {
    let (id, stage, round) = (clock.report_id, clock.stage, clock.round);
    let named = |agency: Option<&str>, lang: Lang| match agency {
        Some(code) => code.to_owned(),
        None => lang.pick("Cổng tiếp nhận", "the portal").to_owned(),
    };
    crate::exit::Failure::integrity(Localized::new(
        format!(
            "phản ánh {id}: thời hạn {} vòng {round} được tính cho {}, nhưng nhật ký giao phản ánh cho {} (bị sửa ngoài phananh). Không in gì. Hãy chạy `phananh audit verify` và báo quản trị viên.",
            stage.vi().to_lowercase(),
            named(clock.agency.as_deref(), Lang::Vi),
            named(logged, Lang::Vi),
        ),
        format!(
            "report {id}: its {} clock of round {round} runs against {}, but the log assigned the report to {} (edited outside phananh). Nothing was printed. Run `phananh audit verify` and tell an admin",
            stage.en().to_lowercase(),
            named(clock.agency.as_deref(), Lang::En),
            named(logged, Lang::En),
        ),
    ))
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
/// the CSV style the setting `csv.style` asks for.
pub enum Scored {
    Explained(Rules),
    Ranked(ScoreSheet, crate::output::CsvStyle),
}

/// The error for a score period that does not parse.
fn invalid_score_period(text: &str) -> Localized {
    let (first, last) = (YEARS.start(), YEARS.end());
    Localized::new(
        format!(
            "Kỳ chấm điểm “{text}” không hợp lệ: dùng 2026 (năm), 2026-H1 (6 tháng) hoặc 2026-Q3 (quý); năm viết đủ bốn chữ số, từ {first} đến {last}."
        ),
        format!(
            "the scoring period “{text}” is not valid: use 2026 (year), 2026-H1 (half-year) or 2026-Q3 (quarter); the year in four digits, {first} to {last}"
        ),
    )
}

/// The error for a period that begins after the moment the figures are taken at; a score
/// (`scoring`) names its period as Home Affairs does, the scoring period.
fn not_begun(period: &Period, as_of: &Timestamp, scoring: bool) -> Localized {
    let at = |lang| crate::output::layout::when(&time::format(as_of), lang).replace('\u{a0}', " ");
    let (noun_vi, noun_en) = match scoring {
        true => ("Kỳ chấm điểm", "the scoring period"),
        false => ("Kỳ báo cáo", "the period"),
    };
    Localized::new(
        format!(
            "{noun_vi} “{}” chưa bắt đầu (số liệu tính đến {}): chưa có phản ánh nào thuộc kỳ này. Hãy chọn một kỳ đã bắt đầu; kỳ đang diễn ra cho số liệu đến thời điểm hiện tại.",
            period.text(Lang::Vi),
            at(Lang::Vi)
        ),
        format!(
            "{noun_en} “{}” has not begun (figures as of {}): no report belongs to it yet. Choose a period that has begun; the current one gives the figures so far.",
            period.text(Lang::En),
            at(Lang::En)
        ),
    )
}

/// The year of `score --year`: a half-year or a quarter given there is pointed to --period.
pub fn score_year(text: &str) -> Result<Period, Localized> {
    let text = text.trim();
    match score_period(text) {
        Ok(period) if period.kind != "year" => {
            let (vi, en) = match period.kind {
                "half_year" => ("kỳ 6 tháng", "a half-year"),
                _ => ("một quý", "a quarter"),
            };
            Err(Localized::new(
                format!(
                    "“{text}” là {vi}, không phải một năm: dùng --period {text} (--year chỉ nhận một năm, như 2026)."
                ),
                format!(
                    "“{text}” is {en}, not a year: use --period {text} (--year takes a year only, such as 2026)"
                ),
            ))
        }
        other => other,
    }
}

/// A scoring period: a year, a half-year or a quarter.
pub fn score_period(text: &str) -> Result<Period, Localized> {
    Period::year(text)
        .filter(|_| !text.contains('-'))
        .or_else(|| Period::half(text))
        .or_else(|| Period::quarter(text))
        .ok_or_else(|| invalid_score_period(text))
}

/// `score`: every agency of the reference data ranked over the reports received in
/// `period` (an agency with nothing assigned is listed, unscored); or, with no period, the
/// rules that `--explain` prints.
pub fn score(ctx: &Context, period: Option<Period>) -> Result<Scored> {
    let conn = ctx.open_read()?;
    let actor = ctx.actor(&conn)?;
    ctx.authorize(&conn, &actor, Operation::Reports, None)?;
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
        bail!(Localized::new(
            format!(
                "Không tính được điểm: cả bốn trọng số ({weights}) đều bằng 0, nên không cơ quan nào có điểm hay thứ hạng. Hãy đặt ít nhất một trọng số lớn hơn 0: `phananh settings set score.weight_on_time 0.6`."
            ),
            format!(
                "no score can be computed: all four weights ({weights}) are 0, so no agency would have a score or a rank. Set at least one above 0: `phananh settings set score.weight_on_time 0.6`"
            ),
        ));
    }
    let counts: Vec<_> = reference::agencies(&conn)?
        .into_iter()
        .map(|agency| {
            let counts = built
                .report
                .cases_by_agency
                .iter()
                .find(|a| a.agency == agency.code)
                .cloned()
                .unwrap_or_else(|| CaseCounts {
                    agency: agency.code.clone(),
                    ..Default::default()
                });
            (counts, agency.name)
        })
        .collect();
    let rows = rank(&counts, &rules).map_err(|_| {
        Localized::new(
            "Số liệu quá lớn để tính điểm chính xác.",
            "the counts are too large to score exactly",
        )
    })?;
    Ok(Scored::Ranked(
        ScoreSheet {
            rows,
            period,
            as_of: built.report.as_of.clone(),
            running: built.report.running,
            rules,
            calendar_version: built.calendar_version,
            calendar_versions: built.calendar_versions,
        },
        built.csv_style,
    ))
}
