//! What a progress bar draws, in the operator's language: the message, the bar, then the
//! work done of its total, the rate and the time left, grouped and worded as the rest of the
//! screen is — "Kiểm tra [====>    ] 1.200/2.400 (812/giây, còn 2 giây)" in Vietnamese,
//! "1,200/2,400 (812/s, 2 s left)" in English; an ingest counts bytes ("84,5 KiB/165 KiB
//! (1,20 MiB/giây, còn 1 giây)"). indicatif's own keys (`{human_pos}`, `{per_sec}`,
//! `{eta}`) write English commas, rates with four decimals and "3m" whatever the language,
//! so the counts are this module's key, computed from the bar's state at every drawing
//! (`ProgressStyle::with_key`). Owns the words, their widest width and the line's layout for
//! a given number of columns; `output::bar_style` reads the terminal's.

use std::time::Duration;

use indicatif::{ProgressState, ProgressStyle};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, grouped};

/// What a bar counts: items (reports, clocks, events) or the bytes of a file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Items,
    Bytes,
}

/// The template key the counts are drawn under.
const KEY: &str = "counts";

/// The shortest a progress bar is squeezed to.
const BAR_LEAST: usize = 10;

/// The style of a bar over `len` beside `message` on a terminal `columns` wide, and the
/// message it shows: the message whole when the line keeps a bar of `BAR_LEAST` beside the
/// counts' widest (`widest`), else shortened at its start (a file's path, its last part
/// kept); the counts drawn within what the message and that bar leave them (`within`); and
/// the bar across the rest of the row (indicatif's `wide_bar`). A bar of a fixed 40 left half
/// of a wide terminal blank; a line wider than the terminal is broken over two rows, which
/// the bar clears and draws again at every tick (an ingest at 80 columns drew some 130).
pub fn style(
    columns: usize,
    message: &str,
    len: u64,
    counted: Counted,
    lang: Lang,
) -> (ProgressStyle, String) {
    let tail = widest(len, counted, lang);
    // " [", "] " around the bar.
    let around = 4;
    let room = columns.saturating_sub(around + BAR_LEAST + tail).max(1);
    let message = super::layout::shorten_path(message, room);
    let room = columns.saturating_sub(message.width() + around + BAR_LEAST);
    let style = ProgressStyle::with_template(&format!("{{msg}} [{{wide_bar}}] {{{KEY}}}"))
        .expect("a valid template")
        .with_key(KEY, key(counted, lang, room))
        .progress_chars("=> ");
    (style, message)
}

/// The key's closure: the bar's state as `counts` words it, within `room` columns.
fn key(
    counted: Counted,
    lang: Lang,
    room: usize,
) -> impl Fn(&ProgressState, &mut dyn std::fmt::Write) + Clone + Send + Sync + 'static {
    move |state, out| {
        let pos = state.pos();
        let text = within(
            room,
            counts(
                pos,
                state.len().unwrap_or(pos),
                state.per_sec(),
                state.eta(),
                counted,
                lang,
            ),
        );
        // indicatif draws into a String: the write cannot fail.
        let _ = out.write_str(&text);
    }
}

/// "DONE/TOTAL (RATE, LEFT)" of a bar at `pos` of `len`, going at `per_sec` with `eta` left
/// (indicatif's estimates).
fn counts(pos: u64, len: u64, per_sec: f64, eta: Duration, counted: Counted, lang: Lang) -> String {
    format!(
        "{}/{} ({}, {})",
        amount(pos, counted, lang),
        amount(len, counted, lang),
        rate(per_sec, counted, lang),
        time_left(pos, len, per_sec, eta, lang)
    )
}

/// `counts` as drawn in the `room` the line leaves them: without the rate when wider.
/// indicatif's first estimate after a burst of work can run to millions a second
/// ("4.783.195/giây"), past the room `widest` keeps, and counts wider than their room
/// would break the line over two rows.
fn within(room: usize, counts: String) -> String {
    if counts.width() <= room {
        return counts;
    }
    // "DONE/TOTAL (RATE, LEFT)" → "DONE/TOTAL (LEFT)".
    match (counts.find(" ("), counts.rfind(", ")) {
        (Some(open), Some(comma)) if open < comma => {
            format!("{} ({}", &counts[..open], &counts[comma + 2..])
        }
        _ => counts,
    }
}

/// The widest `counts` of a bar over `len` can be drawn: the total's width for what is done
/// (an ingest's bytes read may take another unit's widest), a rate of up to five digits of
/// items or three of bytes in the largest unit a second, and the widest time left under 100
/// days. A faster rate is drawn where the line has room for it and left out where not
/// (`within`): such a rate finishes a command in a second or two, and more room kept for it
/// cut the end of "Kiểm tra chuỗi nhật ký" at 80 columns.
fn widest(len: u64, counted: Counted, lang: Lang) -> usize {
    let total = amount(len, counted, lang).width();
    let done = match counted {
        Counted::Items => total,
        // "9,99 MiB": three digits, a decimal mark and a unit of three.
        Counted::Bytes => total.max(amount(9 << 20, counted, lang).width()),
    };
    let fastest = match counted {
        Counted::Items => 99_999.0,
        Counted::Bytes => 9.99 * f64::from(1u32 << 30),
    };
    let slowest_words = [59, 59 * 60, 47 * 3600, 99 * 86_400]
        .map(|s| super::duration::roughly_left(s, lang).width())
        .into_iter()
        .chain([unknown(lang), almost(lang), finished(lang)].map(|words| words.width()))
        .max()
        .unwrap_or(0);
    // "/", " (", ", ", ")".
    done + 1 + total + 2 + rate(fastest, counted, lang).width() + 2 + slowest_words + 1
}

/// A count of `counted` as the rest of the screen writes it.
fn amount(n: u64, counted: Counted, lang: Lang) -> String {
    match counted {
        Counted::Items => grouped(n, lang),
        Counted::Bytes => bytes(n, lang),
    }
}

/// Whole items (or bytes) a second: "1.234/giây" / "1,234/s". Before the first estimate, and
/// for a finished bar's instant, indicatif may give no number: that reads as none.
fn rate(per_sec: f64, counted: Counted, lang: Lang) -> String {
    let per_sec = if per_sec.is_finite() && per_sec > 0.0 {
        per_sec.round() as u64
    } else {
        0
    };
    format!(
        "{}{}",
        amount(per_sec, counted, lang),
        lang.pick("/giây", "/s")
    )
}

/// The time left in words ("còn 3 phút" / "3 min left"); unknown ("còn …") until the bar has
/// a rate, where indicatif's estimate reads zero; "sắp xong" / "almost done" under a second,
/// and "xong" / "done" once all is done. "còn 0 giây" in the last half second, while the bar
/// still moved, read to an operator watching it as a promise broken.
fn time_left(pos: u64, len: u64, per_sec: f64, eta: Duration, lang: Lang) -> String {
    if pos >= len {
        return finished(lang);
    }
    if !(per_sec.is_finite() && per_sec > 0.0) {
        return unknown(lang);
    }
    if eta < Duration::from_secs(1) {
        return almost(lang);
    }
    let seconds = eta.as_secs() + u64::from(eta.subsec_millis() >= 500);
    super::duration::roughly_left(seconds, lang)
}

fn unknown(lang: Lang) -> String {
    lang.pick("còn …", "… left").to_owned()
}

fn almost(lang: Lang) -> String {
    lang.pick("sắp xong", "almost done").to_owned()
}

fn finished(lang: Lang) -> String {
    lang.pick("xong", "done").to_owned()
}

/// A size in bytes to three significant digits in binary units, the decimal mark of the
/// language: "999 B", "84,5 KiB", "1,20 MiB" / "84.5 KiB" (a reader compares it with the
/// size a file manager shows, not with a count, so it is not grouped).
fn bytes(n: u64, lang: Lang) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    if n < 1000 {
        return format!("{n} B");
    }
    let mut value = n as f64;
    let mut unit = 0;
    // 999.5 would round to "1000": the next unit's "0,98" keeps three digits.
    while value >= 999.5 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let decimals = if value < 9.995 {
        2
    } else if value < 99.95 {
        1
    } else {
        0
    };
    let digits = format!("{value:.decimals$}").replace('.', lang.pick(",", "."));
    format!("{digits} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use indicatif::{ProgressBar, ProgressDrawTarget, TermLike};

    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn items_are_grouped_and_worded_in_each_language() {
        let at = |lang| {
            counts(
                12_345,
                100_000,
                1234.5678,
                180 * SECOND,
                Counted::Items,
                lang,
            )
        };
        assert_eq!(at(Lang::Vi), "12.345/100.000 (1.235/giây, còn 3 phút)");
        assert_eq!(at(Lang::En), "12,345/100,000 (1,235/s, 3 min left)");
        let near_the_end = |lang| {
            counts(
                2_390,
                2_400,
                812.4,
                Duration::from_millis(12_400),
                Counted::Items,
                lang,
            )
        };
        assert_eq!(
            near_the_end(Lang::Vi),
            "2.390/2.400 (812/giây, còn 12 giây)"
        );
        assert_eq!(near_the_end(Lang::En), "2,390/2,400 (812/s, 12 s left)");
    }

    #[test]
    fn before_a_rate_the_time_left_is_unknown_not_zero() {
        let start = |lang| counts(0, 2_400, 0.0, Duration::ZERO, Counted::Items, lang);
        assert_eq!(start(Lang::Vi), "0/2.400 (0/giây, còn …)");
        assert_eq!(start(Lang::En), "0/2,400 (0/s, … left)");
        // Done, however fast: nothing is left.
        let done = |lang| {
            counts(
                2_400,
                2_400,
                f64::INFINITY,
                Duration::ZERO,
                Counted::Items,
                lang,
            )
        };
        assert_eq!(done(Lang::Vi), "2.400/2.400 (0/giây, xong)");
        assert_eq!(done(Lang::En), "2,400/2,400 (0/s, done)");
    }

    /// In its last half second a bar still moving said "còn 0 giây": under a second it says
    /// it is almost done; from a second, the seconds.
    #[test]
    fn under_a_second_left_the_bar_says_almost_done_not_zero_seconds() {
        let at = |millis, lang| {
            let eta = Duration::from_millis(millis);
            counts(2_390, 2_400, 812.0, eta, Counted::Items, lang)
        };
        assert_eq!(at(400, Lang::Vi), "2.390/2.400 (812/giây, sắp xong)");
        assert_eq!(at(999, Lang::En), "2,390/2,400 (812/s, almost done)");
        assert_eq!(at(0, Lang::Vi), "2.390/2.400 (812/giây, sắp xong)");
        assert_eq!(at(1_000, Lang::Vi), "2.390/2.400 (812/giây, còn 1 giây)");
        assert_eq!(at(1_600, Lang::En), "2,390/2,400 (812/s, 2 s left)");
    }

    #[test]
    fn bytes_take_the_language_s_decimal_mark() {
        let at = |lang| {
            counts(
                86_528,
                169_085,
                1.2 * f64::from(1u32 << 20),
                Duration::from_millis(1_400),
                Counted::Bytes,
                lang,
            )
        };
        assert_eq!(at(Lang::Vi), "84,5 KiB/165 KiB (1,20 MiB/giây, còn 1 giây)");
        assert_eq!(at(Lang::En), "84.5 KiB/165 KiB (1.20 MiB/s, 1 s left)");
        assert_eq!(bytes(999, Lang::Vi), "999 B");
        assert_eq!(bytes(1_000, Lang::Vi), "0,98 KiB");
        assert_eq!(bytes(999 << 10, Lang::En), "999 KiB");
        assert_eq!(bytes(1_023 << 10, Lang::En), "1.00 MiB");
        assert_eq!(bytes(10_234, Lang::Vi), "9,99 KiB");
        assert_eq!(bytes(10_235, Lang::Vi), "10,0 KiB");
        assert_eq!(bytes(5 << 30, Lang::Vi), "5,00 GiB");
    }

    /// `widest` is the room `style` keeps: no drawing of the counts may be wider, whatever
    /// the position, rate and time left within its bounds.
    #[test]
    fn the_counts_are_never_wider_than_their_room() {
        let rates = [0.0, 0.4, 7.0, 812.0, 65_432.1, 99_999.4];
        let byte_rates = [0.0, 999.0, 1e5, 5e8, 9.99 * f64::from(1u32 << 30)];
        let lefts = [0, 9, 59, 60, 599, 3599, 36_000, 47 * 3600, 99 * 86_400];
        for lang in [Lang::Vi, Lang::En] {
            for (counted, lens, rates) in [
                (
                    Counted::Items,
                    &[2_000, 2_400, 99_999, 160_000, 1_000_000][..],
                    &rates[..],
                ),
                (
                    Counted::Bytes,
                    &[1, 999, 1_000, 169_085, 10_235, 3 << 30][..],
                    &byte_rates[..],
                ),
            ] {
                for &len in lens {
                    let room = widest(len, counted, lang);
                    let positions = [0, 1, len / 3, len.saturating_sub(1), len, 999_424];
                    for pos in positions.into_iter().filter(|&p| p <= len) {
                        for &rate in rates {
                            for left in lefts {
                                let eta = Duration::from_secs(left);
                                let drawn = counts(pos, len, rate, eta, counted, lang);
                                assert!(
                                    drawn.width() <= room,
                                    "{drawn:?} is wider than {room} for {len}"
                                );
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(widest(2_400, Counted::Items, Lang::Vi), 38);
        assert_eq!(widest(169_085, Counted::Bytes, Lang::Vi), 45);
    }

    /// A rate past the room kept for it (indicatif's first estimate after a burst) is left
    /// out rather than break the line over two rows; the time left stays.
    #[test]
    fn a_rate_too_wide_for_its_room_is_left_out() {
        let at = |per_sec, lang| {
            let counts = counts(1_200, 2_400, per_sec, SECOND, Counted::Items, lang);
            within(widest(2_400, Counted::Items, lang), counts)
        };
        assert_eq!(at(812.0, Lang::Vi), "1.200/2.400 (812/giây, còn 1 giây)");
        assert_eq!(at(4_783_195.0, Lang::Vi), "1.200/2.400 (còn 1 giây)");
        assert_eq!(at(47_831_950.0, Lang::En), "1,200/2,400 (1 s left)");
    }

    /// A terminal of `width` columns that keeps every line the bar writes.
    #[derive(Debug, Clone)]
    struct Screen {
        width: u16,
        lines: Arc<Mutex<Vec<String>>>,
    }

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            self.width
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.write_str(s)
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            if !s.is_empty() {
                self.lines.lock().unwrap().push(s.to_owned());
            }
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What a bar in `style` over `len` draws at `pos` on a terminal `columns` wide, stopped
    /// there after 100 seconds: indicatif's rate is then `pos` over those seconds, and it
    /// counts no time left.
    fn drawn(
        columns: u16,
        message: &str,
        len: u64,
        pos: u64,
        counted: Counted,
        lang: Lang,
    ) -> String {
        drawn_after(100 * SECOND, columns, message, len, pos, counted, lang)
    }

    /// The same, stopped after `elapsed`.
    fn drawn_after(
        elapsed: Duration,
        columns: u16,
        message: &str,
        len: u64,
        pos: u64,
        counted: Counted,
        lang: Lang,
    ) -> String {
        let screen = Screen {
            width: columns,
            lines: Arc::default(),
        };
        let bar = ProgressBar::with_draw_target(
            Some(len),
            ProgressDrawTarget::term_like(Box::new(screen.clone())),
        )
        .with_elapsed(elapsed);
        let (style, message) = style(usize::from(columns), message, len, counted, lang);
        bar.set_style(style);
        bar.set_message(message);
        bar.set_position(pos);
        bar.abandon();
        // Past indicatif's rate limit, which may have kept back the last drawing.
        bar.force_draw();
        // After the line, indicatif may write spaces over what a longer one left.
        let lines = screen.lines.lock().unwrap();
        let line = lines.iter().rev().find(|l| l.contains(" ["));
        line.cloned().expect("the bar drew")
    }

    /// The key reaches the drawn line through indicatif: counts grouped in the language, the
    /// rate and the time left in its words, the bar across the rest of the row.
    #[test]
    fn a_bar_draws_its_counts_in_the_operator_s_language() {
        // Half done: half of the bar's width is drawn, then its head.
        let half = |width: usize| {
            let done = width / 2;
            format!("[{}>{}]", "=".repeat(done), " ".repeat(width - done - 1))
        };
        let full = |message: &str, counts: &str| {
            let bar = half(100 - message.width() - 4 - counts.width());
            format!("{message} {bar} {counts}")
        };
        let vi = drawn(100, "Kiểm tra", 2_400, 1_200, Counted::Items, Lang::Vi);
        assert_eq!(vi, full("Kiểm tra", "1.200/2.400 (12/giây, sắp xong)"));
        let en = drawn(100, "Checking", 240_000, 120_000, Counted::Items, Lang::En);
        assert_eq!(
            en,
            full("Checking", "120,000/240,000 (1,200/s, almost done)")
        );
        let ingest = drawn(
            100,
            "reports.csv",
            169_085,
            86_528,
            Counted::Bytes,
            Lang::Vi,
        );
        assert_eq!(
            ingest,
            full("reports.csv", "84,5 KiB/165 KiB (865 B/giây, sắp xong)")
        );
        for line in [vi, en, ingest] {
            assert_eq!(line.width(), 100, "{line:?}");
        }
    }

    /// At 80 columns a long message and a long total still leave one row: the bar is
    /// squeezed, the path shortened at its start.
    #[test]
    fn a_bar_fits_80_columns() {
        let path = "/srv/phan-anh/phan-anh-tu-ung-dung-di-dong-cua-tinh/bao-cao-thang-07.csv";
        for lang in [Lang::Vi, Lang::En] {
            for (message, len, counted) in [
                ("Kiểm tra chuỗi nhật ký", 160_000, Counted::Items),
                ("Kiểm tra", 2_400, Counted::Items),
                (path, 169_085, Counted::Bytes),
                (path, 3 << 30, Counted::Bytes),
            ] {
                let line = drawn(80, message, len, len / 2, counted, lang);
                assert!(line.width() <= 80, "{} columns: {line:?}", line.width());
            }
        }
        // The longest label of a bar, with the counts of a large audit log, is kept whole.
        let line = drawn(
            80,
            "Kiểm tra chuỗi nhật ký",
            160_000,
            1,
            Counted::Items,
            Lang::Vi,
        );
        assert!(line.starts_with("Kiểm tra chuỗi nhật ký ["), "{line:?}");
        let line = drawn(80, path, 169_085, 1_000, Counted::Bytes, Lang::Vi);
        assert!(line.starts_with("…bao-cao-thang-07.csv ["), "{line:?}");
        // A rate of millions a second (no time elapsed) would not fit: the line keeps to
        // its row without it. With room to spare it is drawn, however wide.
        let message = "Kiểm tra chuỗi nhật ký";
        let line = drawn_after(
            Duration::ZERO,
            80,
            message,
            160_000,
            80_000,
            Counted::Items,
            Lang::Vi,
        );
        assert!(line.width() <= 80, "{} columns: {line:?}", line.width());
        // (Were this thread held 80 ms, the rate would fit and be drawn.)
        assert!(line.contains(" 80.000/160.000 ("), "{line:?}");
        assert!(line.ends_with("sắp xong)"), "{line:?}");
        let line = drawn_after(
            Duration::ZERO,
            200,
            message,
            160_000,
            80_000,
            Counted::Items,
            Lang::Vi,
        );
        assert!(line.contains(" 80.000/160.000 ("), "{line:?}");
        assert!(line.ends_with("/giây, sắp xong)"), "{line:?}");
    }
}
