//! Instants as the regulation sees them: every time is read, kept and printed at
//! Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving). Owns parsing of the time formats the
//! app exports (docs/rules.md §6), the one canonical text form stored in the database, and
//! the form a message of the domain says a stored time in.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

/// An instant at +07:00.
pub type Timestamp = DateTime<FixedOffset>;

/// Vietnam's only offset since 1975; no daylight saving.
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset")
}

/// The stored and printed form: RFC 3339 to the second at +07:00, so text order is time order.
pub fn format(ts: &Timestamp) -> String {
    use chrono::{Datelike, Timelike};
    // Written out by hand: chrono's strftime interpreter, then `format!`, were each a
    // visible share of a bulk load, which formats several times per report.
    let t = ts.with_timezone(&vietnam());
    let year = match u32::try_from(t.year()) {
        Ok(year) if year <= 9999 => year,
        _ => return t.format("%Y-%m-%dT%H:%M:%S+07:00").to_string(),
    };
    let mut text = String::with_capacity(25);
    let parts = [
        (year / 100, ""),
        (year % 100, "-"),
        (t.month(), "-"),
        (t.day(), "T"),
        (t.hour(), ":"),
        (t.minute(), ":"),
        (t.second(), "+"),
    ];
    for (n, after) in parts {
        text.push(char::from(b'0' + (n / 10) as u8));
        text.push(char::from(b'0' + (n % 10) as u8));
        text.push_str(after);
    }
    text.push_str("07:00");
    text
}

/// Why a time could not be read: the text says which forms are accepted, or, when the time
/// was written in one of them on a day the calendar lacks (`30/02/2026 09:00`), that the day
/// does not exist ([`no_such_date`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError(pub String);

impl TimeError {
    /// Why not, in both languages: the words every time read from the operator or a file
    /// shares (`--now`, `calendar deadline --start`, `demo --until`, an ingested file's times).
    pub fn said(&self) -> crate::i18n::Localized {
        time_refused(&self.0)
    }
}

impl std::fmt::Display for TimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said().en)
    }
}

impl std::error::Error for TimeError {}

/// Why `text` is no time, in both languages: the day it names does not exist, or else the
/// forms a time may take.
pub fn time_refused(text: &str) -> crate::i18n::Localized {
    use crate::i18n::Localized;
    match no_such_date(text) {
        Some(why) => {
            let why = why.said();
            Localized::new(
                format!("“{text}”: {}", why.vi),
                format!("\"{text}\": {}", why.en),
            )
        }
        None => Localized::new(
            format!(
                "không đọc được thời gian “{text}”; dùng RFC 3339 (2026-08-03T09:15:00+07:00), \
                 “2026-08-03 09:15[:00]” hoặc “03/08/2026 09:15[:00]” (giờ Việt Nam), năm từ 1900 đến 2199"
            ),
            format!(
                "cannot read time \"{text}\": use RFC 3339 (2026-08-03T09:15:00+07:00), \
                 \"2026-08-03 09:15[:00]\" or \"03/08/2026 09:15[:00]\" (local time), years 1900–2199"
            ),
        ),
    }
}

/// The calendar's objection to a time written in an accepted form on a day that does not
/// exist (`30/02/2026 09:00`, `2026-02-30T09:00:00+07:00`, or the bare day): its writer
/// used the form right, and is told the day is wrong rather than sent to RFC 3339. None when
/// the date part is a real day or is not written as a date at all.
pub fn no_such_date(text: &str) -> Option<BadDate> {
    let text = text.trim();
    let date = text.split([' ', 'T', 't']).next().unwrap_or(text);
    match read_date(date) {
        Err(bad @ (BadDate::NoDay { .. } | BadDate::NoMonth(_))) => Some(bad),
        _ => None,
    }
}

/// Reads the forms docs/rules.md §6 accepts: RFC 3339 with any offset (converted to +07:00),
/// `YYYY-MM-DD HH:MM[:SS]` and `DD/MM/YYYY HH:MM[:SS]`, both taken as local time.
/// Blank input is `Ok(None)`: a missing time makes a report incomplete, not malformed. A
/// fraction of a second is dropped, as the database keeps whole seconds (`format`): kept
/// here, a time read again from the same file (`08:15:42.5`, a JavaScript app's `.123Z`)
/// differed from the one stored, and ingesting the file twice refused the report as
/// another one under its id.
pub fn parse(text: &str) -> Result<Option<Timestamp>, TimeError> {
    use chrono::Timelike;
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_any(text).and_then(|ts| match ts {
        Some(t) if !(FIRST_YEAR..=LAST_YEAR).contains(&t.year()) => Err(TimeError(text.to_owned())),
        other => Ok(other.map(|t| t.with_nanosecond(0).unwrap_or(t))),
    })
}

/// The years a time may fall in: wide enough for any real report, narrow enough that the
/// calendar, the lunar arithmetic and text ordering never see a five-digit year.
pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2199;

fn parse_any(text: &str) -> Result<Option<Timestamp>, TimeError> {
    if let Ok(ts) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(ts.with_timezone(&vietnam())));
    }
    const LOCAL_FORMATS: [&str; 5] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
    ];
    for format in LOCAL_FORMATS {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return local(naive)
                .map(Some)
                .ok_or_else(|| TimeError(text.to_owned()));
        }
    }
    Err(TimeError(text.to_owned()))
}

/// Reads a time the tool stored itself (canonical text); None if it cannot be read, which only
/// an edit behind the tool's back can cause.
pub fn stored(text: &str) -> Option<Timestamp> {
    parse(text).ok().flatten()
}

/// A stored time as a message says it to its reader, as tables show times
/// (`output::layout::when_exact`): `05/10/2026 08:55` in Vietnamese, `2026-10-05 08:55` in
/// English, in Vietnam's time, to the second when its seconds are not zero (two steps
/// seconds apart must read apart). Anything that is no stored time comes back as it is.
pub fn said(text: &str, lang: crate::i18n::Lang) -> String {
    written(text, lang, true, ' ')
}

/// A stored time as its reader writes one, date and clock joined by `space`: to the
/// second when `exact` and its seconds are not zero, else to the minute. The one form
/// messages (`said`) and tables (`output::layout::when`) share.
pub fn written(text: &str, lang: crate::i18n::Lang, exact: bool, space: char) -> String {
    use chrono::Timelike;
    let Some(at) = stored(text) else {
        return text.to_owned();
    };
    let date = at.format(lang.pick("%d/%m/%Y", "%Y-%m-%d"));
    let clock = at.format(if exact && at.second() != 0 {
        "%H:%M:%S"
    } else {
        "%H:%M"
    });
    format!("{date}{space}{clock}")
}

/// Reads a stored time only in the one form phananh writes ([`format()`]); None for any other,
/// even of the same instant. For what the log seals or judges by its instant while SQL
/// compares its text (periods, due clocks): `01/10/2026 08:00` is the instant of
/// `2026-10-01T08:00:00+07:00` but sorts before every period
/// (`forged_events::a_submission_time_rewritten_in_another_form_is_named`).
pub fn canonical(text: &str) -> Option<Timestamp> {
    stored(text).filter(|at| format(at) == text)
}

/// Reads a date (`YYYY-MM-DD` or `DD/MM/YYYY`), for filters and periods.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    read_date(text).ok()
}

/// Why a typed date was not read: not written as a date at all, or written right but not
/// in the calendar (`31/11/2026`), which the one who typed it is told as such rather than
/// sent to check a format they used correctly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadDate {
    /// Neither `YYYY-MM-DD` nor `DD/MM/YYYY`.
    Shape,
    /// A month outside 1 to 12 (a US order `11/31/2026` lands here).
    NoMonth(u32),
    /// A day the month does not have; `days` is how many it has.
    NoDay { year: i32, month: u32, days: u32 },
}

impl BadDate {
    /// Why, in both languages: the words every date read from the operator shares, on the
    /// command line (`cli::date_value`) and in a file (a calendar import).
    pub fn said(self) -> crate::i18n::Localized {
        use crate::i18n::Localized;
        match self {
            BadDate::Shape => Localized::new(
                "dùng YYYY-MM-DD hoặc DD/MM/YYYY",
                "use YYYY-MM-DD or DD/MM/YYYY",
            ),
            BadDate::NoMonth(month) => Localized::new(
                format!("không có tháng {month} (tháng từ 1 đến 12; DD/MM/YYYY: ngày trước tháng)"),
                format!(
                    "there is no month {month} (months are 1 to 12; DD/MM/YYYY: the day first)"
                ),
            ),
            BadDate::NoDay { year, month, days } => {
                let name = u8::try_from(month)
                    .ok()
                    .and_then(|m| chrono::Month::try_from(m).ok())
                    .map_or_else(|| month.to_string(), |m| m.name().to_owned());
                Localized::new(
                    format!("không có ngày này: tháng {month}/{year} có {days} ngày"),
                    format!("no such day: {name} {year} has {days} days"),
                )
            }
        }
    }
}

/// `parse_date`, saying why not.
pub fn read_date(text: &str) -> Result<NaiveDate, BadDate> {
    let text = text.trim();
    let number = |part: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let (year, month, day) = match parts[..] {
        [y, m, d] if text.contains('-') && !text.contains('/') => {
            (number(y, 4..=4), number(m, 1..=2), number(d, 1..=2))
        }
        [d, m, y] if text.contains('/') && !text.contains('-') => {
            (number(y, 4..=4), number(m, 1..=2), number(d, 1..=2))
        }
        _ => return Err(BadDate::Shape),
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(BadDate::Shape);
    };
    let year = i32::try_from(year).map_err(|_| BadDate::Shape)?;
    if !(1..=12).contains(&month) {
        return Err(BadDate::NoMonth(month));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| BadDate::NoDay {
        year,
        month,
        days: (28..=31)
            .rev()
            .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
            .unwrap_or(28),
    })
}

/// The instant a local wall-clock time names at +07:00.
pub fn local(naive: NaiveDateTime) -> Option<Timestamp> {
    vietnam().from_local_datetime(&naive).single()
}

/// Local midnight at the start of `date`.
pub fn start_of_day(date: NaiveDate) -> Timestamp {
    local(date.and_hms_opt(0, 0, 0).expect("midnight exists")).expect("+07:00 has no gaps")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> String {
        format(&parse(text).unwrap().unwrap())
    }

    #[test]
    fn a_message_says_a_time_as_its_reader_writes_it_with_seconds_only_when_there_are_some() {
        use crate::i18n::Lang;
        assert_eq!(
            said("2026-10-05T09:00:00+07:00", Lang::Vi),
            "05/10/2026 09:00"
        );
        assert_eq!(
            said("2026-10-05T02:00:30Z", Lang::Vi),
            "05/10/2026 09:00:30"
        );
        assert_eq!(
            said("2026-10-05T09:00:00+07:00", Lang::En),
            "2026-10-05 09:00"
        );
        assert_eq!(
            said("2026-10-05T09:00:30+07:00", Lang::En),
            "2026-10-05 09:00:30"
        );
        assert_eq!(said("không phải giờ", Lang::Vi), "không phải giờ");
    }

    #[test]
    fn rfc3339_is_converted_to_vietnam_time() {
        assert_eq!(at("2026-08-03T02:15:00Z"), "2026-08-03T09:15:00+07:00");
        assert_eq!(at("2026-08-03T09:15:00+07:00"), "2026-08-03T09:15:00+07:00");
    }

    /// Every other text of the instant is refused, however it sorts (at the user's end,
    /// `forged_events::a_deadline_rewritten_in_another_form_hides_no_breach`).
    #[test]
    fn only_the_stored_form_is_canonical() {
        let written = "2026-08-03T09:15:00+07:00";
        assert_eq!(canonical(written), stored(written));
        for other in [
            "2026-08-03T02:15:00Z",
            "2026-08-03t09:15:00+07:00",
            "2026-08-04T02:14:00+23:59",
            "2026-08-03 09:15:00",
            "03/08/2026 09:15:00",
            "2026-08-03T09:15:00.000+07:00",
            " 2026-08-03T09:15:00+07:00",
        ] {
            assert_eq!(stored(other), stored(written), "{other}");
            assert_eq!(canonical(other), None, "{other}");
        }
    }

    #[test]
    fn local_forms_are_taken_as_plus_seven() {
        assert_eq!(at("2026-08-03 09:15"), "2026-08-03T09:15:00+07:00");
        assert_eq!(at("2026-08-03 09:15:42"), "2026-08-03T09:15:42+07:00");
        assert_eq!(at("03/08/2026 09:15"), "2026-08-03T09:15:00+07:00");
        assert_eq!(at("03/08/2026 09:15:30"), "2026-08-03T09:15:30+07:00");
    }

    #[test]
    fn format_matches_rfc3339_at_plus_seven() {
        let ts = parse("2026-01-02T03:04:05+07:00").unwrap().unwrap();
        assert_eq!(format(&ts), ts.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
        assert_eq!(format(&ts), "2026-01-02T03:04:05+07:00");
        let utc = "1999-12-31T23:59:59Z"
            .parse::<DateTime<chrono::Utc>>()
            .unwrap();
        assert_eq!(format(&utc.fixed_offset()), "2000-01-01T06:59:59+07:00");
    }

    proptest::proptest! {
        #[test]
        fn format_agrees_with_chrono_for_any_instant(seconds in -5_000_000_000i64..8_000_000_000) {
            let ts = chrono::DateTime::from_timestamp(seconds, 0).unwrap().with_timezone(&vietnam());
            proptest::prop_assert_eq!(format(&ts), ts.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
        }

        /// Either order of any day and month up to 31 reads as the calendar has it; a day it
        /// lacks is one past the month's last, which is the one named.
        #[test]
        fn a_date_reads_as_the_calendar_has_it(year in 1000i32..=9999, month in 1u32..=12, day in 0u32..=31) {
            let calendar = NaiveDate::from_ymd_opt(year, month, day);
            for text in [format!("{year}-{month:02}-{day:02}"), format!("{day}/{month}/{year}")] {
                match (read_date(&text), calendar) {
                    (Ok(read), Some(date)) => proptest::prop_assert_eq!(read, date),
                    (Err(BadDate::NoDay { days, .. }), None) => {
                        proptest::prop_assert!(day == 0 || day > days);
                        proptest::prop_assert!(NaiveDate::from_ymd_opt(year, month, days).is_some());
                    }
                    (read, _) => proptest::prop_assert!(false, "{text}: {read:?}"),
                }
            }
        }
    }

    #[test]
    fn years_far_in_the_past_or_future_are_refused() {
        for text in [
            "1899-12-31T23:59:59+07:00",
            "2200-01-01 00:00",
            "+275760-09-13T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59+07:00",
        ] {
            assert!(parse(text).is_err(), "{text}");
        }
        assert!(parse("1900-01-01 00:00").unwrap().is_some());
        assert!(parse("2199-12-31 23:59:59").unwrap().is_some());
    }

    #[test]
    fn blank_is_missing_not_an_error() {
        assert_eq!(parse("  "), Ok(None));
    }

    #[test]
    fn nonsense_is_an_error_that_names_the_accepted_forms() {
        for bad in [
            "hôm qua",
            "2026-08-03",
            "25:00 03/08/2026",
            "2026-08-03 25:00",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(err.to_string().contains("RFC 3339"), "{bad}: {err}");
            assert_eq!(no_such_date(bad), None, "{bad}");
        }
    }

    /// `30/02/2026 09:00` is written in an accepted form on a day February lacks: its writer
    /// is told so, not sent to RFC 3339.
    #[test]
    fn a_time_on_a_day_the_calendar_lacks_says_so() {
        for (bad, why) in [
            (
                "30/02/2026 09:00",
                BadDate::NoDay {
                    year: 2026,
                    month: 2,
                    days: 28,
                },
            ),
            (
                "2026-02-30T10:00:00+07:00",
                BadDate::NoDay {
                    year: 2026,
                    month: 2,
                    days: 28,
                },
            ),
            ("32/13/2026 25:00", BadDate::NoMonth(13)),
            (
                "31/11/2026",
                BadDate::NoDay {
                    year: 2026,
                    month: 11,
                    days: 30,
                },
            ),
        ] {
            let err = parse(bad).unwrap_err();
            assert_eq!(no_such_date(bad), Some(why), "{bad}");
            assert!(!err.to_string().contains("RFC 3339"), "{bad}: {err}");
            assert!(err.to_string().contains(&why.said().en), "{bad}: {err}");
            assert!(err.said().vi.contains(&why.said().vi), "{bad}: {err}");
        }
    }

    #[test]
    fn dates_in_both_orders() {
        let want = NaiveDate::from_ymd_opt(2026, 8, 3);
        assert_eq!(parse_date("2026-08-03"), want);
        assert_eq!(parse_date("03/08/2026"), want);
        assert_eq!(parse_date("3 Aug"), None);
        assert_eq!(parse_date(" 3/8/2026 "), want);
    }

    /// `list --from 31/11/2026` was told to use DD/MM/YYYY, which it did.
    #[test]
    fn a_date_written_right_but_not_in_the_calendar_is_told_apart() {
        let no_day = |year, month, days| Err(BadDate::NoDay { year, month, days });
        assert_eq!(read_date("31/11/2026"), no_day(2026, 11, 30));
        assert_eq!(read_date("2026-11-31"), no_day(2026, 11, 30));
        assert_eq!(read_date("29/02/2026"), no_day(2026, 2, 28));
        assert_eq!(read_date("00/03/2026"), no_day(2026, 3, 31));
        assert_eq!(
            read_date("29/02/2028"),
            Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap())
        );
        assert_eq!(read_date("11/31/2026"), Err(BadDate::NoMonth(31)));
        assert_eq!(read_date("2026-00-10"), Err(BadDate::NoMonth(0)));
        for shape in [
            "yesterday",
            "2026/11/30",
            "30-11-2026",
            "30/11/26",
            "2026-11",
            "",
            "+2026-11-30",
        ] {
            assert_eq!(read_date(shape), Err(BadDate::Shape), "{shape}");
        }
    }
}
