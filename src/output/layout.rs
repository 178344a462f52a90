//! Laying a table out for the screen it is printed on — the one place every table the tool
//! prints goes through (listings, `show`'s record, the periodic report's sections, the
//! scores, `demo`'s summary): the width (`COLUMNS`, else the terminal's, never under 80),
//! columns that never split a word or a time (a column is at least as wide as its longest
//! word; a time's space is a no-break space), columns dropped from the least needed when even
//! that does not fit (never where no screen shows the table: `fit_unscreened`), a word too
//! long for any column shortened with "…" rather than cut across lines, a reference column
//! (`Kinds::clipped`) cut to one line with "…" before it takes the room of the text beside
//! it, the prose around a table wrapped at spaces, and times as people read them
//! (`dd/mm/yyyy HH:MM` in Vietnamese). CSV and JSON never come here: they keep the stored
//! values.

use comfy_table::{
    ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL_CONDENSED,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::i18n::Lang;

/// The narrowest a table is laid out for: a terminal of 80 columns.
pub const MIN_WIDTH: u16 = 80;
/// The width when neither `COLUMNS` nor a terminal says (output piped to a file or a pager).
pub const DEFAULT_WIDTH: u16 = 120;

/// The width tables are laid out in: `COLUMNS` when set, else the terminal's, else
/// `DEFAULT_WIDTH`; never under `MIN_WIDTH`.
pub fn width() -> u16 {
    screen_width().unwrap_or(DEFAULT_WIDTH).max(MIN_WIDTH)
}

/// The screen's width when one is known: `COLUMNS` when set, else the terminal's; none
/// when the output goes to a file or a pipe.
pub fn screen_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .or_else(|| Table::new().width())
}

/// The width of the terminal standard error is shown on, where messages go (it may not be
/// where standard output goes): `COLUMNS` when set, else the terminal's, never under
/// `MIN_WIDTH`; none when standard error is not a terminal.
pub fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    if std::env::var_os("COLUMNS").is_some() {
        return Some(width());
    }
    Some(
        console::Term::stderr()
            .size_checked()
            .map_or_else(width, |(_, columns)| columns.max(MIN_WIDTH)),
    )
}

/// A stored time (RFC 3339) as a table shows it: `dd/mm/yyyy HH:MM` in Vietnamese,
/// `yyyy-mm-dd HH:MM` in English, in Vietnam's time, joined by a no-break space so that a
/// narrow column wraps around it, never through it. Anything else comes back as it is.
pub fn when(text: &str, lang: Lang) -> String {
    crate::domain::time::written(text, lang, false, '\u{a0}')
}

/// A table laid out within `width`; only this module makes them, so that every table goes
/// through `fit` or `record`.
fn new_table(width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

/// The narrowest a column is squeezed to by shortening its longest words (below it, columns
/// are left out instead): a name, a code or a time still reads.
const SHORTEST: usize = 16;

/// The narrowest a column of longer text is left while other columns could be left out.
const READABLE: usize = 12;

/// The narrowest a listing's running text (`Kinds::prose`: a report's excerpt) is left while
/// a column beside it could be left out instead: at 12 columns `list --overdue` at 100 read
/// its text three words a line ("Biển báo tải / trọng ở đầu / cầu trên").
const PROSE: usize = 20;

/// While the columns a listing can spare are left out, a word wider than this (a file's
/// path, a link, a seal) counts only this wide: shortened with "…" afterwards, it costs the
/// reader less than every other column pushed off the screen (an `ingest` of a long path
/// showed the path and not one count at 80 columns).
const LONG_WORD: usize = 32;

/// The widest the text beside a clipped column (`Kinds::clipped`) is made while that column
/// is cut: a line of a page. Past it, the room goes to the clipped column.
const MEASURE: usize = 60;

/// Up to this width a cell counts as short (a status, a name, a time): short cells get their
/// line before long texts share the rest.
const LABEL: usize = 24;

/// The same where no screen shows the table (`fit_unscreened`), where every column is kept
/// and the width is what they take: wide enough for a lateness said to the minute, which a
/// sweep's mail keeps on its clock's line: in working days, "quá 1234 ngày 7 giờ 59 phút
/// làm việc" is 36 columns (at 32, a sweep's mail drew every late clock of more than a
/// hundred working days on two lines).
const UNSCREENED_LABEL: usize = 36;

/// `text` with the space inside each written time (`dd/mm/yyyy HH:MM`, `yyyy-mm-dd HH:MM`)
/// made a no-break space, so that no layout wraps a time in two, whoever formatted it.
pub fn glue_times(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let digits = |at: usize, n: usize| {
        bytes
            .get(at..at + n)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let is = |at: usize, c: u8| bytes.get(at) == Some(&c);
    let time_at = |at: usize| digits(at, 2) && is(at + 2, b':') && digits(at + 3, 2);
    let mut spaces = Vec::new();
    for (i, _) in text.match_indices(' ') {
        // The date's ten bytes end just before the space, the time's five start after it.
        let Some(start) = i.checked_sub(10) else {
            continue;
        };
        let vi = digits(start, 2)
            && is(start + 2, b'/')
            && digits(start + 3, 2)
            && is(start + 5, b'/')
            && digits(start + 6, 4);
        let iso = digits(start, 4)
            && is(start + 4, b'-')
            && digits(start + 5, 2)
            && is(start + 7, b'-')
            && digits(start + 8, 2);
        if (vi || iso) && time_at(i + 1) {
            spaces.push(i);
        }
    }
    if spaces.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut glued = String::with_capacity(text.len() + spaces.len());
    let mut from = 0;
    for i in spaces {
        glued.push_str(&text[from..i]);
        glued.push('\u{a0}');
        from = i + 1;
    }
    glued.push_str(&text[from..]);
    std::borrow::Cow::Owned(glued)
}

/// `word` cut to at most `room` columns, marked "…" where cut: at its end, but at its start
/// for a file's path, whose last part (the file's name) is what tells one path from another.
fn shorten(word: &str, room: usize) -> String {
    if UnicodeWidthStr::width(word) <= room {
        return word.to_owned();
    }
    let path = word.contains('/') && !word.contains("://");
    if path {
        let kept = before_an_ellipsis(word.chars().rev(), room);
        std::iter::once('…').chain(kept.into_iter().rev()).collect()
    } else {
        let kept = before_an_ellipsis(word.chars(), room);
        kept.into_iter().chain(std::iter::once('…')).collect()
    }
}

/// The first of `chars` that fit in `room` columns with a "…" after them.
fn before_an_ellipsis(chars: impl Iterator<Item = char>, room: usize) -> Vec<char> {
    let mut kept = Vec::new();
    let mut used = 0;
    for c in chars {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > room {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept
}

/// `text` on one line within `room` columns, cut at its end with "…" when longer, between
/// words when a word boundary leaves most of the room used.
pub fn clip(text: &str, room: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if UnicodeWidthStr::width(line.as_str()) <= room {
        return line;
    }
    let kept: String = before_an_ellipsis(line.chars(), room).into_iter().collect();
    let between = match kept.rfind(' ') {
        Some(at) if UnicodeWidthStr::width(&kept[..at]) * 3 >= room * 2 => &kept[..at],
        _ => kept.as_str(),
    };
    format!("{}…", between.trim_end_matches([' ', ';', ',', ':']))
}

/// `text` cut to at most `room` columns as `shorten` cuts a word: a file's path at its start,
/// its last part (the file's name) kept; anything else at its end.
pub fn shorten_path(text: &str, room: usize) -> String {
    shorten(text, room)
}

/// `cell` with every word wider than `room` shortened to fit it (spaces and line breaks kept).
fn shorten_words(cell: &str, room: usize) -> String {
    cell.split('\n')
        .map(|line| {
            line.split(' ')
                .map(|word| shorten(word, room))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same to the second when the seconds are not zero: a deadline is kept to the second
/// (docs/rules.md §3), and `calendar deadline` is where an operator checks one.
pub fn when_exact(text: &str, lang: Lang) -> String {
    crate::domain::time::written(text, lang, true, '\u{a0}')
}

/// The display width of a cell's widest line.
fn natural(cell: &str) -> usize {
    cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The display width of the widest word of a cell (words split at spaces and newlines).
fn longest_word(cell: &str) -> usize {
    cell.split([' ', '\n']).map(unbreakable).max().unwrap_or(0)
}

/// The widest part of a word no wrap may split. Chinese, Japanese and Korean are written
/// without spaces and wrap between any two of their (double-width) characters, as the
/// table wraps them: a sentence of them counted as one word 64 columns wide, and one
/// spam report in Chinese left every other column of `list` a few letters wide ("Trạng /
/// thái", the time and agency pushed off the screen).
fn unbreakable(word: &str) -> usize {
    let (mut widest, mut run) = (0, 0);
    for c in word.chars() {
        let width = UnicodeWidthChar::width(c).unwrap_or(0);
        if width >= 2 {
            widest = widest.max(run).max(width);
            run = 0;
        } else {
            run += width;
        }
    }
    widest.max(run)
}

/// A column exactly `content` wide (comfy-table counts the padding in the width).
fn exactly(content: usize) -> ColumnConstraint {
    let with_padding = u16::try_from(content + 2).unwrap_or(u16::MAX);
    ColumnConstraint::Absolute(Width::Fixed(with_padding))
}

/// A column at least `content` wide (comfy-table counts the padding in the bound).
fn at_least(content: usize) -> ColumnConstraint {
    let with_padding = u16::try_from(content + 2).unwrap_or(u16::MAX);
    ColumnConstraint::LowerBoundary(Width::Fixed(with_padding))
}

/// Border and padding of a table of `columns` columns (`│ a │ b │`).
fn overhead(columns: usize) -> usize {
    3 * columns + 1
}

/// A table of `headers` and `rows` laid out within `width`: each column at least as wide as
/// its longest word; while that is still too wide, the columns of `drop_order` are left out,
/// first to last. The columns of `comfort` (a prefix of what a listing can spare) are left
/// out too while the table would not fit without wrapping a cell. If the words still do not
/// fit, the widest columns shorten their longest words with "…" (never under `SHORTEST`),
/// and then the last columns are left out. The room left is given to the narrowest columns
/// first, so labels and times stay on one line and long text takes what remains. Cells are
/// expected with their times glued (`glue_times`). Returns the table and the headers of the
/// columns left out.
pub fn fit(
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    width: u16,
    drop_order: &[usize],
    comfort: &[usize],
) -> (Table, Vec<String>) {
    fit_counts(headers, rows, width, (drop_order, comfort), &[])
}

/// `fit`, where the columns of `counts` (numbers under a header of several words) are
/// weighed by their widest word while columns are left out: wrapped to "Số / cuối", as the
/// laid-out table wraps it anyway, such a header costs nothing worth a column.
pub fn fit_counts(
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    width: u16,
    spare: (&[usize], &[usize]),
    counts: &[usize],
) -> (Table, Vec<String>) {
    let kinds = Kinds {
        counts,
        ..Kinds::default()
    };
    fit_headed(headers, rows, width, spare, kinds)
}

/// What a listing says of some of its columns beyond their cells, by index: `counts`
/// (numbers under a header of several words, `fit_counts`), `headed` (a header kept on one
/// line, `fit_headed`), `prose` (running text, kept `PROSE` wide while a column can go),
/// `clipped` (a reference the reader can do without on a narrow screen: one line, cut with
/// "…" at `SHORTEST` rather than take the room of the text beside it; whole where it fits).
#[derive(Clone, Copy, Default)]
pub struct Kinds<'a> {
    pub counts: &'a [usize],
    pub headed: &'a [usize],
    pub prose: &'a [usize],
    pub clipped: &'a [usize],
}

/// `fit_counts`, where the columns of `kinds.headed` keep their header on one line, as a
/// short cell keeps its own, before long text takes the rest: a column of short codes under
/// a header of several words ("Mã ứng dụng" over "R-1") was drawn a word of its header a
/// line while the text beside it had room to spare. The columns of `kinds.prose` count
/// `PROSE` wide while columns are left out, and get that much when kept.
pub fn fit_headed(
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    width: u16,
    (drop_order, comfort): (&[usize], &[usize]),
    kinds: Kinds,
) -> (Table, Vec<String>) {
    let Kinds {
        headed,
        prose,
        clipped,
        ..
    } = kinds;
    let columns = headers.len();
    let Measures {
        mut least,
        data,
        whole,
        mut readable,
    } = measure(&headers, &rows, kinds);
    // A clipped column is cut anywhere: its words set no floor.
    for &i in clipped.iter().filter(|&&i| i < columns) {
        least[i] = whole[i].min(SHORTEST);
        readable[i] = least[i];
    }
    let width_of = |sizes: &[usize], kept: &[bool]| {
        let shown: Vec<usize> = (0..columns).filter(|&i| kept[i]).collect();
        shown.iter().map(|&i| sizes[i]).sum::<usize>() + overhead(shown.len())
    };
    let mut kept: Vec<bool> = vec![true; columns];
    for &column in comfort {
        if width_of(&whole, &kept) <= usize::from(width) {
            break;
        }
        if column < columns {
            kept[column] = false;
        }
    }
    let mut spared = Vec::new();
    for &column in drop_order {
        if width_of(&readable, &kept) <= usize::from(width) {
            break;
        }
        if column < columns && kept[column] {
            kept[column] = false;
            spared.push(column);
        }
    }
    // Running text counts `PROSE` wide: once it goes too, a narrower column left out before
    // it comes back into the room it left, the most needed first. `list --overdue --ever`
    // at 80 columns lost "Trễ hạn" (the clock ended late) for the text's room, then the
    // text as well. Only then: a listing's order is kept, not a column brought back to
    // squeeze its text to `READABLE`.
    let before_prose = spared.iter().rposition(|c| prose.contains(c)).unwrap_or(0);
    for &column in spared[..before_prose].iter().rev() {
        kept[column] = true;
        if width_of(&readable, &kept) > usize::from(width) {
            kept[column] = false;
        }
    }
    // Still too wide: the widest columns give up the ends of their longest words (a link, a
    // seal's digits), down to `SHORTEST`; then the last columns go, the first never.
    let mut caps: Vec<Option<usize>> = vec![None; columns];
    while width_of(&least, &kept) > usize::from(width) {
        let excess = width_of(&least, &kept) - usize::from(width);
        let widest = (0..columns)
            .filter(|&i| kept[i] && least[i] > SHORTEST)
            .max_by_key(|&i| (least[i], std::cmp::Reverse(i)));
        if let Some(i) = widest {
            let cap = least[i].saturating_sub(excess).max(SHORTEST);
            least[i] = cap;
            caps[i] = Some(cap);
            continue;
        }
        match (1..columns).rev().find(|&i| kept[i]) {
            Some(last) => kept[last] = false,
            None => break,
        }
    }
    // The cells first, then what is left to headers that would otherwise wrap.
    let room = usize::from(width).saturating_sub(overhead(kept.iter().filter(|k| **k).count()));
    // Running text its `PROSE` before short cells take their line, when the room holds it.
    let mut floor = least.clone();
    for &i in prose.iter().filter(|&&i| i < columns) {
        floor[i] = floor[i].max(whole[i].min(PROSE));
    }
    if width_of(&floor, &kept) <= usize::from(width) {
        least = floor;
    }
    // Short cells (labels, names, times) on one line before long text takes the rest.
    let data: Vec<usize> = (0..columns).map(|i| data[i].max(least[i])).collect();
    let short: Vec<usize> = (0..columns)
        .map(|i| {
            let header = if headed.contains(&i) {
                natural(&headers[i]).min(LABEL)
            } else {
                0
            };
            data[i].max(header).min(LABEL).max(least[i])
        })
        .collect();
    let sizes = shortest_first(&least, &short, &kept, room);
    let sizes = share(&sizes, &data, &kept, room);
    let mut sizes = share(&sizes, &whole, &kept, room);
    // A clipped column too narrow for its whole gives all but `SHORTEST` to the others:
    // `calendar show` at 80 columns wrapped each day's reason in 24 columns beside a source
    // of 22 (a research note, a site's name).
    let cut: Vec<usize> = (0..columns)
        .filter(|&i| kept[i] && clipped.contains(&i) && sizes[i] < whole[i])
        .collect();
    if !cut.is_empty() {
        for &i in &cut {
            sizes[i] = sizes[i].min(SHORTEST);
        }
        let others: Vec<bool> = (0..columns).map(|i| kept[i] && !cut.contains(&i)).collect();
        // The others share what the clipped columns leave them, each up to `want`; the
        // clipped keep their size.
        let beside_cut = |sizes: &[usize], want: &[usize]| -> Vec<usize> {
            let theirs = room.saturating_sub(cut.iter().map(|&i| sizes[i]).sum());
            let mut shared = share(sizes, want, &others, theirs);
            for &i in &cut {
                shared[i] = sizes[i];
            }
            shared
        };
        // The others widened to their whole up to `MEASURE`: past a line of that length
        // the room goes to the reference, which `calendar show` in English at 160 columns
        // cut to 16 beside a reason given 112 for its one long line.
        let measured: Vec<usize> = (0..columns)
            .map(|i| whole[i].min(MEASURE.max(sizes[i])))
            .collect();
        sizes = beside_cut(&sizes, &measured);
        // What the others leave goes back to the clipped columns, and what those do not
        // take back to the others.
        let used: usize = (0..columns).filter(|&i| kept[i]).map(|i| sizes[i]).sum();
        let mut left = room.saturating_sub(used);
        for &i in &cut {
            let more = whole[i].saturating_sub(sizes[i]).min(left);
            sizes[i] += more;
            left -= more;
        }
        sizes = beside_cut(&sizes, &whole);
    }
    let keep = |cells: Vec<String>| -> Vec<String> {
        cells
            .into_iter()
            .enumerate()
            .filter(|(i, _)| kept.get(*i).copied().unwrap_or(false))
            .map(|(i, c)| match caps.get(i).copied().flatten() {
                Some(cap) => shorten_words(&c, cap),
                None if cut.contains(&i) => clip(&c, sizes[i]),
                None => c,
            })
            .collect()
    };
    let dropped: Vec<String> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| !kept[*i])
        .map(|(_, h)| h.replace('\u{a0}', " "))
        .collect();
    // A header's words joined by no-break spaces (a Vietnamese word's syllables, as the
    // periodic report's headers join them) are wrapped here, at their column's width, and
    // printed with plain spaces: the table wraps them no further, and the header reads and
    // searches as typed.
    let headers: Vec<String> = headers
        .into_iter()
        .enumerate()
        .map(|(i, h)| match h.contains('\u{a0}') {
            true => wrap(&h, sizes[i]).replace('\u{a0}', " "),
            false => h,
        })
        .collect();
    let mut table = new_table(width);
    table.set_header(keep(headers));
    for row in rows {
        table.add_row(keep(row));
    }
    let bounds: Vec<ColumnConstraint> = (0..columns)
        .filter(|&i| kept[i])
        .map(|i| exactly(sizes[i]))
        .collect();
    table.set_constraints(bounds);
    (table, dropped)
}

/// What `fit_headed` weighs a table's columns by: each column's longest word (`least`),
/// its cells' widest text on one line (`data`), that or its header's (`whole`), and the
/// narrowest it is squeezed to before a column a listing can spare is left out
/// (`readable`).
struct Measures {
    least: Vec<usize>,
    data: Vec<usize>,
    whole: Vec<usize>,
    readable: Vec<usize>,
}

fn measure(headers: &[String], rows: &[Vec<String>], kinds: Kinds) -> Measures {
    let Kinds { counts, prose, .. } = kinds;
    let columns = headers.len();
    let mut least: Vec<usize> = headers.iter().map(|h| longest_word(h)).collect();
    // The cells' own width on one line, and with the header's on one line too.
    let mut data: Vec<usize> = least.clone();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            least[i] = least[i].max(longest_word(cell));
            data[i] = data[i].max(natural(cell));
        }
    }
    let whole: Vec<usize> = (0..columns)
        .map(|i| data[i].max(natural(&headers[i])))
        .collect();
    // A column narrower than `READABLE` (or its whole text) holds a word a line: the
    // columns a listing can spare go first rather than squeeze the others that far.
    let readable: Vec<usize> = (0..columns)
        .map(|i| match (counts.contains(&i), prose.contains(&i)) {
            (true, _) => least[i],
            (false, true) => least[i].min(LONG_WORD).max(whole[i].min(PROSE)),
            (false, false) => least[i].min(LONG_WORD).max(whole[i].min(READABLE)),
        })
        .collect();
    Measures {
        least,
        data,
        whole,
        readable,
    }
}

/// A table of `headers` and `rows` laid out where no screen shows it (a file, a pipe, the
/// mail cron sends of `sweep`'s output): as `fit_headed` lays it out in `DEFAULT_WIDTH`
/// when that leaves no column out; else every column kept, in the width it takes to keep
/// each at its readable narrowest, no word shortened, and each short cell and header (but
/// a count's) on one line. Nobody's screen is narrow there, and a column left out of a mail
/// is lost to its reader, who cannot widen anything.
pub fn fit_unscreened(
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    spare: (&[usize], &[usize]),
    kinds: Kinds,
) -> Table {
    // A file or a mail has no screen to widen: nothing is cut short there.
    let kinds = Kinds {
        clipped: &[],
        ..kinds
    };
    let (table, dropped) = fit_headed(headers.clone(), rows.clone(), DEFAULT_WIDTH, spare, kinds);
    if dropped.is_empty() {
        return table;
    }
    let Measures {
        least,
        data,
        readable,
        ..
    } = measure(&headers, &rows, kinds);
    let counts = kinds.counts;
    let one_line: Vec<usize> = (0..headers.len()).filter(|i| !counts.contains(i)).collect();
    let needed: usize = (0..headers.len())
        .map(|i| {
            let header = match one_line.contains(&i) {
                true => natural(&headers[i]),
                false => 0,
            };
            let short = data[i].max(header).min(UNSCREENED_LABEL);
            least[i].max(readable[i]).max(short)
        })
        .sum::<usize>()
        + overhead(headers.len());
    let width = u16::try_from(needed).unwrap_or(u16::MAX).max(DEFAULT_WIDTH);
    let kinds = Kinds {
        headed: &one_line,
        ..kinds
    };
    fit_headed(headers, rows, width, (&[], &[]), kinds).0
}

/// The widths of the `kept` columns within `room`: each at least its `least`, then the room
/// left given to the columns that want least of it first, each up to its `want`; unless
/// that leaves a column under `READABLE`, when the room is shared evenly (what does not
/// divide to the ones that want most): given whole to the first, the history's "Hành
/// động" took 21 columns at 80 and left "Sang", the status the report went to, 6 ("Chờ /
/// kiểm / duyệt"), where 13 and 14 keep most of both on a line.
fn shortest_first(least: &[usize], want: &[usize], kept: &[bool], room: usize) -> Vec<usize> {
    let mut sizes = least.to_vec();
    let used: usize = (0..least.len())
        .filter(|&i| kept[i])
        .map(|i| least[i])
        .sum();
    let mut left = room.saturating_sub(used);
    let mut order: Vec<usize> = (0..least.len()).filter(|&i| kept[i]).collect();
    order.sort_by_key(|&i| want[i]);
    let all = left;
    for &i in &order {
        let more = want[i].saturating_sub(sizes[i]).min(left);
        sizes[i] += more;
        left -= more;
    }
    // A column left under `READABLE` (and under what it wants) holds a word a line: the
    // room is shared evenly instead.
    if order.iter().any(|&i| sizes[i] < want[i].min(READABLE)) {
        sizes = least.to_vec();
        share_evenly(&mut sizes, want, &order, all);
    }
    sizes
}

/// `left` more columns shared among the `columns` (in order of their `want`, least first):
/// the same width to each that wants more, up to its `want`; the columns that do not divide
/// evenly go to the last ones, which want most.
fn share_evenly(sizes: &mut [usize], want: &[usize], columns: &[usize], mut left: usize) {
    while left > 0 {
        let growing: Vec<usize> = columns
            .iter()
            .copied()
            .filter(|&i| sizes[i] < want[i])
            .collect();
        if growing.is_empty() {
            break;
        }
        // Raise the narrowest first, so that the widths meet at one level.
        let level = growing.iter().map(|&i| sizes[i]).min().unwrap_or(0);
        let lowest: Vec<usize> = growing
            .iter()
            .copied()
            .filter(|&i| sizes[i] == level)
            .collect();
        if lowest.len() > left {
            for &i in lowest.iter().rev().take(left) {
                sizes[i] += 1;
            }
            break;
        }
        for &i in &lowest {
            sizes[i] += 1;
        }
        left -= lowest.len();
    }
}

/// The widths of the `kept` columns within `room`: each at least its `least`, and the room
/// left shared out as water fills a basin, the same width to every column that wants more
/// until each has its `whole` on one line — so a short label or a time stays on one line and
/// the long texts share what remains evenly.
fn share(least: &[usize], whole: &[usize], kept: &[bool], room: usize) -> Vec<usize> {
    let columns = least.len();
    let at = |level: usize, i: usize| least[i].max(whole[i].min(level));
    let used = |level: usize| -> usize {
        (0..columns)
            .filter(|&i| kept[i])
            .map(|i| at(level, i))
            .sum()
    };
    let top = (0..columns)
        .filter(|&i| kept[i])
        .map(|i| whole[i])
        .max()
        .unwrap_or(0);
    // The highest level that fits (`used` grows with it).
    let (mut low, mut high) = (0, top);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if used(mid) <= room {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let mut sizes: Vec<usize> = (0..columns).map(|i| at(low, i)).collect();
    // What the level leaves over, a column each, left to right.
    let mut left = room.saturating_sub(used(low));
    for i in (0..columns).filter(|&i| kept[i]) {
        if left == 0 {
            break;
        }
        if sizes[i] < whole[i] {
            sizes[i] += 1;
            left -= 1;
        }
    }
    sizes
}

/// A two-column table of names and values within `width`: the names on one line each (a
/// narrow screen that would leave the values under `LONG_WORD` columns wraps them a word at
/// a time), the values wrap at spaces (a single word wider than what is left, a long link,
/// is shortened with "…": `--format json` has it whole, which `shortened_note` says); and
/// the words it shortened, whole. A link pasted into a report's text is shortened however
/// much room the values get, so it never takes the names' room: every label broken over
/// lines doubled the record's length and showed the link no better.
pub fn record(pairs: Vec<(String, String)>, width: u16) -> (Table, Vec<String>) {
    let (names, values) = record_widths(&pairs, width);
    let mut table = new_table(width);
    let mut shortened = Vec::new();
    for (k, v) in pairs {
        let shown = shorten_words(&v, values);
        if shown != v {
            shortened.extend(
                v.split([' ', '\n'])
                    .filter(|word| shorten(word, values) != *word)
                    .map(str::to_owned),
            );
        }
        table.add_row(vec![k, shown]);
    }
    table.set_constraints(vec![exactly(names), at_least(values)]);
    (table, shortened)
}

/// The width a record of `pairs` is laid out in: the screen's when one is known (as
/// `width`); with no screen (a file, a pipe, a mail) as wide as the names and the longest
/// value's word need, at least `DEFAULT_WIDTH`, so that `record` shortens nothing: a link
/// cut with "…" in a file cannot be opened, and its reader has no screen to widen.
pub fn record_width(pairs: &[(String, String)]) -> u16 {
    if screen_width().is_some() {
        return width();
    }
    let names = pairs.iter().map(|(k, _)| natural(k)).max().unwrap_or(0);
    let word = pairs
        .iter()
        .map(|(_, v)| longest_word(v))
        .max()
        .unwrap_or(0);
    u16::try_from(names + word + overhead(2))
        .unwrap_or(u16::MAX)
        .max(DEFAULT_WIDTH)
}

/// The widths `record` gives the names and the values of `pairs` within `width`: a value's
/// word wider than its width is shortened with "…".
pub fn record_widths(pairs: &[(String, String)], width: u16) -> (usize, usize) {
    let widest = |cells: &mut dyn Iterator<Item = usize>| cells.max().unwrap_or(0);
    let name_word = widest(&mut pairs.iter().map(|(k, _)| longest_word(k)));
    let value_word = widest(&mut pairs.iter().map(|(_, v)| longest_word(v)));
    let room = usize::from(width).saturating_sub(overhead(2));
    let names = widest(&mut pairs.iter().map(|(k, _)| natural(k)))
        .min(room.saturating_sub(LONG_WORD))
        .max(name_word);
    (names, value_word.min(room.saturating_sub(names)))
}

/// The line under a record whose long words (a photo's link) were shortened: the operator
/// who must open the link is told where it is whole.
pub fn shortened_note(lang: Lang, width: u16) -> String {
    let note = lang.pick(
        "(Chữ quá dài so với màn hình được rút gọn bằng “…”. Xem đủ bằng --format json, hoặc đặt COLUMNS rộng hơn.)",
        "(Words too long for the screen are shortened with \"…\". See them whole with --format json, or set a wider COLUMNS.)",
    );
    wrap(note, usize::from(width))
}

/// The lines under a table that had to leave columns out, wrapped within `width`. The
/// operator's way to the columns comes first: widening the window, not an environment
/// variable she has never set.
pub fn dropped_note(dropped: &[String], lang: Lang, width: u16) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    let names = dropped.join(", ");
    let note = lang.pick(
        format!(
            "(Màn hình hẹp: ẩn cột {names}. Mở rộng cửa sổ dòng lệnh để xem đủ cột, hoặc xem bằng --format json.)"
        ),
        format!(
            "(Narrow screen: hidden columns {names}. Widen the terminal window to see every column, or use --format json.)"
        ),
    );
    Some(wrap(&note, usize::from(width)))
}

/// Prose printed with a table (a heading, a note, the settings a report applied), each of
/// its lines wrapped within the screen's `width` at spaces; a time stays whole.
pub fn paragraph(text: &str, width: u16) -> String {
    text.lines()
        .map(|line| wrap(&glue_times(line), usize::from(width)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A message (an error, a refusal) wrapped as `paragraph` wraps prose, except that a
/// command quoted in backticks (`phananh list --status assigned`) stays on one line when it
/// fits one: the operator reads it to type it. Its spaces stay spaces, so that it can be
/// copied. An indented line (an item of a list) keeps its indent on every line it becomes.
pub fn message(text: &str, width: u16) -> String {
    text.lines()
        .map(|line| {
            let text = line.trim_start_matches(' ');
            let indent = &line[..line.len() - text.len()];
            let width = usize::from(width).saturating_sub(indent.len()).max(1);
            let line = glue_times(text);
            let mut units: Vec<String> = Vec::new();
            let mut quoted: Option<Vec<&str>> = None;
            for word in line.split(' ') {
                let ticks = word.matches('`').count();
                match quoted.as_mut() {
                    Some(words) => {
                        words.push(word);
                        if ticks % 2 == 1 {
                            units.extend(whole_or_words(quoted.take().unwrap_or_default(), width));
                        }
                    }
                    None if ticks % 2 == 1 => quoted = Some(vec![word]),
                    None => units.push(word.to_owned()),
                }
            }
            // An unclosed quote is no command: its words wrap as any.
            units.extend(quoted.unwrap_or_default().into_iter().map(str::to_owned));
            wrap_words(units.iter().map(String::as_str), width)
                .lines()
                .map(|wrapped| format!("{indent}{wrapped}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of a quoted command as one unit when it fits a line, else each on its own.
fn whole_or_words(words: Vec<&str>, width: usize) -> Vec<String> {
    let whole = words.join(" ");
    if UnicodeWidthStr::width(whole.as_str()) <= width {
        vec![whole]
    } else {
        words.into_iter().map(str::to_owned).collect()
    }
}

/// `text` broken into lines of at most `width` columns at spaces (a longer word keeps its
/// own line).
fn wrap(text: &str, width: usize) -> String {
    wrap_words(text.split(' '), width)
}

/// `words` put on lines of at most `width` columns, a space between two on a line.
pub fn wrap_words<'a>(words: impl Iterator<Item = &'a str>, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words {
        let wide = UnicodeWidthStr::width(line.as_str()) + 1 + UnicodeWidthStr::width(word);
        if !line.is_empty() && wide > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_fit(text: &str, width: u16) -> bool {
        text.lines()
            .all(|l| UnicodeWidthStr::width(l) <= usize::from(width))
    }

    #[test]
    fn times_read_as_people_write_them_in_each_language() {
        let at = "2026-10-05T08:30:59+07:00";
        assert_eq!(when(at, Lang::Vi), "05/10/2026\u{a0}08:30");
        assert_eq!(when(at, Lang::En), "2026-10-05\u{a0}08:30");
        assert_eq!(when("không phải giờ", Lang::Vi), "không phải giờ");
    }

    /// Short cells first, each on one line while the room lasts; when that would leave a
    /// column a word a line (the history's "Sang" at 80 columns), the room is shared.
    #[test]
    fn the_room_goes_to_short_cells_first_unless_one_is_left_a_word_a_line() {
        let kept = [true; 5];
        // Number, time, account, action, status: 64 columns of room.
        let (least, want) = ([4, 16, 17, 5, 5], [4, 16, 17, 21, 24]);
        assert_eq!(
            shortest_first(&least, &want, &kept, 64),
            [4, 16, 17, 13, 14]
        );
        // Room for every cell: each gets what it wants, the rest is left.
        assert_eq!(
            shortest_first(&least, &want, &kept, 90),
            [4, 16, 17, 21, 24]
        );
        // The last column still readable: the first ones whole, as before.
        assert_eq!(
            shortest_first(&[10, 3, 5, 6, 6], &[10, 3, 5, 24, 24], &kept, 64),
            [10, 3, 5, 24, 22]
        );
    }

    #[test]
    fn no_word_and_no_time_is_split_and_the_table_fits() {
        let headers: Vec<String> = ["Số", "Nội dung", "Hạn", "Ghi chú"]
            .map(str::to_owned)
            .into();
        let rows = vec![vec![
            "12".to_owned(),
            "Đường Nguyễn Tất Thành bị ngập sâu sau cơn mưa lớn chiều nay, xe máy chết máy hàng loạt"
                .to_owned(),
            when("2026-10-05T08:30:00+07:00", Lang::Vi),
            "Chuyển Sở Xây dựng xử lý gấp".to_owned(),
        ]];
        for width in [80, 120] {
            let (table, dropped) = fit(headers.clone(), rows.clone(), width, &[3], &[]);
            assert!(dropped.is_empty());
            let text = table.to_string();
            assert!(lines_fit(&text, width), "{text}");
            assert!(text.contains("05/10/2026\u{a0}08:30"), "{text}");
            for word in ["Nguyễn", "loạt", "Xây"] {
                assert!(text.contains(word), "{word} split:\n{text}");
            }
        }
    }

    #[test]
    fn a_written_time_is_glued_wherever_it_came_from() {
        assert_eq!(
            glue_times("hạn 05/10/2026 08:30, xong 2026-10-05 09:00 ngày 05/10/2026 hôm"),
            "hạn 05/10/2026\u{a0}08:30, xong 2026-10-05\u{a0}09:00 ngày 05/10/2026 hôm"
        );
        assert_eq!(glue_times("12 34:56"), "12 34:56");
        assert_eq!(glue_times("Đường 3/2"), "Đường 3/2");
    }

    #[test]
    fn a_word_no_column_can_hold_is_shortened_and_the_table_still_fits() {
        let headers: Vec<String> = ["Số", "Chi tiết", "Mã băm"].map(str::to_owned).into();
        let seal = "ab".repeat(60);
        let rows = vec![vec![
            "7".to_owned(),
            format!("đường dẫn: https://camau-g.example/{}", "x".repeat(90)),
            seal.clone(),
        ]];
        let (table, dropped) = fit(headers, rows, 80, &[], &[]);
        assert!(dropped.is_empty(), "{dropped:?}");
        let text = table.to_string();
        assert!(lines_fit(&text, 80), "{text}");
        assert!(text.contains("đường dẫn:"), "{text}");
        assert!(text.contains(&format!("{}…", &seal[..15])), "{text}");
        // Past what shortening can give, the last columns go, never the first.
        let headers: Vec<String> = (0..9).map(|i| format!("Cột{i}")).collect();
        let rows = vec![(0..9).map(|i| format!("{i}{}", "Z".repeat(20))).collect()];
        let (table, dropped) = fit(headers, rows, 80, &[], &[]);
        assert!(!dropped.is_empty() && !dropped.contains(&"Cột0".to_owned()));
        assert!(lines_fit(&table.to_string(), 80), "{table}");
    }

    #[test]
    fn a_record_keeps_its_names_whole_and_shortens_a_link_too_long_for_the_screen() {
        let link = format!("https://camau-g.camau.gov.vn/media/{}.png", "9".repeat(80));
        let pairs = vec![
            ("Số".to_owned(), "13".to_owned()),
            ("Hình ảnh/video".to_owned(), link.clone()),
            (
                "Nội dung".to_owned(),
                "Bờ kè kênh Bình Minh đoạn qua khóm 8 vừa sạt lở khoảng 80 mét".repeat(3),
            ),
        ];
        for width in [80, 120] {
            let (table, shortened) = record(pairs.clone(), width);
            let text = table.to_string();
            assert_eq!(shortened, std::slice::from_ref(&link), "{text}");
            assert!(lines_fit(&text, width), "{text}");
            assert!(
                text.contains("https://camau-g.camau.gov.vn/media/999"),
                "{text}"
            );
            assert!(text.contains('…') && !text.contains(&link), "{text}");
        }
        let short = vec![("Đồng ý chia sẻ danh tính".to_owned(), "không".to_owned())];
        assert!(
            record(short, 120)
                .0
                .to_string()
                .contains("Đồng ý chia sẻ danh tính")
        );
    }

    #[test]
    fn a_link_in_a_record_s_text_leaves_every_name_on_one_line() {
        let names = [
            "Mã ứng dụng",
            "Trạng thái",
            "Nội dung",
            "Đồng ý chia sẻ danh tính (Đ6.5)",
        ];
        let link = "https://www.facebook.com/groups/camaunews/permalink/1234567890123456789/?comment_id=98765432109876";
        let values = [
            "L-3".to_owned(),
            "Chờ phân phối".to_owned(),
            format!("Xem video tại {link} đường bị ngập sâu"),
            "có".to_owned(),
        ];
        let pairs: Vec<(String, String)> =
            names.iter().map(|n| (*n).to_owned()).zip(values).collect();
        for width in [80, 100] {
            let (table, shortened) = record(pairs.clone(), width);
            let text = table.to_string();
            assert!(shortened == [link] && lines_fit(&text, width), "{text}");
            for name in names {
                assert!(text.contains(name), "{name:?} broken:\n{text}");
            }
            assert!(text.contains("https://www.facebook.com/groups/"), "{text}");
        }
        // A screen too narrow for the names and some text still wraps the names.
        let (table, _) = record(pairs, 50);
        assert!(lines_fit(&table.to_string(), 50), "{table}");
    }

    #[test]
    fn prose_wraps_at_spaces_within_the_screen_and_keeps_times_whole() {
        let text = format!("Quét lúc 05/10/2026 08:30: {}", ["quá hạn"; 20].join(" "));
        let wrapped = paragraph(&text, 80);
        assert!(lines_fit(&wrapped, 80), "{wrapped}");
        assert!(wrapped.contains("05/10/2026\u{a0}08:30"), "{wrapped}");
        assert_eq!(wrapped.replace(['\n', '\u{a0}'], " "), text);
    }

    /// A refusal on an 80-column terminal ran past the edge, which cut its
    /// words; wrapped, a quoted command stays on one line to be typed as read.
    #[test]
    fn a_message_wraps_at_spaces_and_keeps_a_quoted_command_whole() {
        let text = "phananh: Bị từ chối: triage là hàng chờ của bộ phận tiếp nhận, dành cho tài khoản Tiếp nhận (reception) và Quản trị (admin). Cán bộ xử lý xem phản ánh giao cho cơ quan mình bằng `phananh list --status assigned`, rồi ghi kết quả bằng `phananh reply`.";
        let wrapped = message(text, 80);
        assert!(lines_fit(&wrapped, 80), "{wrapped}");
        assert_eq!(wrapped.replace('\n', " "), text);
        for command in ["`phananh list --status assigned`,", "`phananh reply`."] {
            assert!(
                wrapped.lines().any(|l| l.contains(command)),
                "{command} split:\n{wrapped}"
            );
        }
        // A quote wider than the screen, or never closed, wraps as any words.
        let long = format!(
            "xem `phananh {}` và `không đóng {}",
            "x ".repeat(50),
            "y ".repeat(50)
        );
        let wrapped = message(&long, 80);
        assert!(lines_fit(&wrapped, 80), "{wrapped}");
        assert_eq!(wrapped.replace('\n', " "), long);
        // An item of a list stays under its indent.
        let item = format!("lỗi:\n  - {}", "dòng hỏng ".repeat(12).trim_end());
        let wrapped = message(&item, 80);
        assert!(lines_fit(&wrapped, 80), "{wrapped}");
        assert!(
            wrapped.lines().skip(1).all(|l| l.starts_with("  ")),
            "{wrapped}"
        );
    }

    #[test]
    fn a_long_path_is_shortened_to_its_end_before_the_counts_beside_it_are_left_out() {
        let headers: Vec<String> = ["Tệp", "Đã lưu", "Lỗi", "Số đầu", "Số cuối"]
            .map(str::to_owned)
            .into();
        let path = format!(
            "/srv/phananh/{}/bao-cao-2026-07.csv",
            "thu-muc-dai".repeat(6)
        );
        let rows = vec![vec![
            path.clone(),
            "120".to_owned(),
            "3".to_owned(),
            "2041".to_owned(),
            "2160".to_owned(),
        ]];
        let (table, dropped) = fit(headers, rows, 80, &[4, 3, 2, 1], &[]);
        assert!(dropped.is_empty(), "{dropped:?}");
        let text = table.to_string();
        assert!(lines_fit(&text, 80), "{text}");
        assert!(text.contains("2160") && text.contains("120"), "{text}");
        assert!(
            text.contains("…") && text.contains("bao-cao-2026-07.csv"),
            "{text}"
        );
        // A link keeps its start: the site it points to.
        assert!(shorten("https://camau-g.example/a/b/c/d", 16).starts_with("https://"));
    }

    /// `ingest` at 80 columns left out its warnings count for the width of
    /// the header "Cảnh báo" over a one-digit number, though the table wrapped the other
    /// headers anyway.
    #[test]
    fn a_column_of_counts_is_not_left_out_for_its_headers_width() {
        let headers: Vec<String> = [
            "Tệp",
            "Định dạng",
            "Đã lưu",
            "Đã có",
            "Lỗi",
            "Cảnh báo",
            "Số đầu",
            "Số cuối",
        ]
        .map(str::to_owned)
        .into();
        let rows = vec![vec![
            "incoming/2026-11-04/camau-g-export.csv".to_owned(),
            "csv".to_owned(),
            "1".to_owned(),
            "0".to_owned(),
            "0".to_owned(),
            "1".to_owned(),
            "341".to_owned(),
            "341".to_owned(),
        ]];
        let order = [1, 3, 7, 6, 5, 4, 2];
        let (_, plain) = fit(headers.clone(), rows.clone(), 80, &order, &[]);
        assert_eq!(plain, ["Định dạng", "Đã có", "Số cuối"]);
        let (table, dropped) = fit_counts(headers, rows, 80, (&order, &[]), &[2, 3, 4, 5, 6, 7]);
        let text = table.to_string();
        assert!(lines_fit(&text, 80), "{text}");
        assert_eq!(dropped, ["Định dạng"], "{text}");
        assert!(text.contains("camau-g-export.csv"), "{text}");
    }

    /// Running text counts 20 columns wide while columns are left out: the column before
    /// it in the order goes first; when the text must go too, that narrower column comes
    /// back into the room the text left.
    #[test]
    fn running_text_keeps_twenty_columns_and_a_narrow_column_comes_back_in_its_room() {
        let headers: Vec<String> = ["Số", "Hạn", "Nhắc", "Nội dung"].map(str::to_owned).into();
        let text = "Biển báo tải trọng ở đầu cầu trên đường Lý Thường Kiệt bị che khuất";
        let rows = vec![vec![
            "335".to_owned(),
            "01/11/2026\u{a0}15:19".to_owned(),
            "Chưa (mới)".to_owned(),
            text.to_owned(),
        ]];
        let kinds = Kinds {
            prose: &[3],
            ..Kinds::default()
        };
        let order: &[usize] = &[2, 3];
        // 3 + 16 + 10 + 20 + 13 = 62: all kept.
        let (_, dropped) = fit_headed(headers.clone(), rows.clone(), 62, (order, &[]), kinds);
        assert!(dropped.is_empty(), "{dropped:?}");
        // One column short: the reminder goes, the text keeps its 20.
        let (table, dropped) = fit_headed(headers.clone(), rows.clone(), 61, (order, &[]), kinds);
        assert_eq!(dropped, ["Nhắc"]);
        assert!(
            table.to_string().contains("Biển báo tải trọng ở"),
            "{table}"
        );
        // No room for 20: the text goes, and the reminder is back.
        let (_, dropped) = fit_headed(headers, rows, 45, (order, &[]), kinds);
        assert_eq!(dropped, ["Nội dung"]);
    }

    #[test]
    fn a_clipped_cell_keeps_one_line_and_says_where_it_was_cut() {
        assert_eq!(clip("12729/VPCP-KGVX", 16), "12729/VPCP-KGVX");
        assert_eq!(clip("thanhnien.vn; kienthuc.net.vn", 16), "thanhnien.vn…");
        assert_eq!(clip("a\nb", 16), "a b");
        assert_eq!(clip("abcdefghijklmnopqrstuvwxyz", 16), "abcdefghijklmno…");
        let cut = clip("Nghị quyết 80-NQ/TW về phát triển văn hóa", 16);
        assert!(UnicodeWidthStr::width(cut.as_str()) <= 16, "{cut}");
    }

    #[test]
    fn columns_are_left_out_least_needed_first_when_words_cannot_fit() {
        let headers: Vec<String> = (0..8).map(|i| format!("Cột{i}")).collect();
        // Each column needs 12 + 3: eight are 121 wide, five fit in 80.
        let rows = vec![(0..8).map(|i| format!("{i}-ABCDEFGHIJ")).collect()];
        let (table, dropped) = fit(headers, rows, 80, &[7, 6, 5, 4], &[]);
        assert_eq!(dropped, ["Cột5", "Cột6", "Cột7"]);
        let text = table.to_string();
        assert!(lines_fit(&text, 80), "{text}");
        assert!(text.contains("4-ABCDEFGHIJ"), "{text}");
    }
}
