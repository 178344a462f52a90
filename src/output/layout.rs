//! Laying a table out for the screen it is printed on: the width (`COLUMNS`, else the
//! terminal's, never under 80), columns that never split a word or a time (a column is at
//! least as wide as its longest word; a time's space is a no-break space), columns dropped
//! from the least needed when even that does not fit, and times as people read them
//! (`dd/mm/yyyy HH:MM` in Vietnamese). CSV and JSON never come here: they keep the stored
//! values.

use comfy_table::{ColumnConstraint, Table, Width};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;

/// The narrowest a table is laid out for: a terminal of 80 columns.
pub const MIN_WIDTH: u16 = 80;
/// The width when neither `COLUMNS` nor a terminal says (output piped to a file or a pager).
pub const DEFAULT_WIDTH: u16 = 120;

/// The width tables are laid out in: `COLUMNS` when set, else the terminal's, else
/// `DEFAULT_WIDTH`; never under `MIN_WIDTH`.
pub fn width() -> u16 {
    let asked = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .or_else(|| Table::new().width())
        .unwrap_or(DEFAULT_WIDTH);
    asked.max(MIN_WIDTH)
}

/// A stored time (RFC 3339) as a table shows it: `dd/mm/yyyy HH:MM` in Vietnamese,
/// `yyyy-mm-dd HH:MM` in English, in Vietnam's time, joined by a no-break space so that a
/// narrow column wraps around it, never through it. Anything else comes back as it is.
pub fn when(text: &str, lang: Lang) -> String {
    match crate::domain::time::stored(text) {
        Some(at) => at
            .format(lang.pick("%d/%m/%Y\u{a0}%H:%M", "%Y-%m-%d\u{a0}%H:%M"))
            .to_string(),
        None => text.to_owned(),
    }
}

/// The display width of a cell's widest line.
fn natural(cell: &str) -> usize {
    cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The display width of the widest word of a cell (words split at spaces and newlines).
fn longest_word(cell: &str) -> usize {
    cell.split([' ', '\n'])
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
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
/// out too while the table would not fit without wrapping a cell. The room left is given to
/// the narrowest columns first, so labels and times stay on one line and long text takes
/// what remains. Returns the table and the headers of the columns left out.
pub fn fit(
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    width: u16,
    drop_order: &[usize],
    comfort: &[usize],
) -> (Table, Vec<String>) {
    let columns = headers.len();
    let mut least: Vec<usize> = headers.iter().map(|h| longest_word(h)).collect();
    let mut whole: Vec<usize> = headers.iter().map(|h| natural(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            least[i] = least[i].max(longest_word(cell));
            whole[i] = whole[i].max(natural(cell));
        }
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
    for &column in drop_order {
        if width_of(&least, &kept) <= usize::from(width) {
            break;
        }
        if column < columns {
            kept[column] = false;
        }
    }
    // Every kept column at its least, then the room left to those that need least of it.
    let mut sizes = least.clone();
    let mut room = usize::from(width).saturating_sub(width_of(&least, &kept));
    let mut order: Vec<usize> = (0..columns).filter(|&i| kept[i]).collect();
    order.sort_by_key(|&i| whole[i]);
    for i in order {
        let more = whole[i].saturating_sub(sizes[i]).min(room);
        sizes[i] += more;
        room -= more;
    }
    let keep = |cells: Vec<String>| -> Vec<String> {
        cells
            .into_iter()
            .enumerate()
            .filter(|(i, _)| kept.get(*i).copied().unwrap_or(false))
            .map(|(_, c)| c)
            .collect()
    };
    let dropped: Vec<String> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| !kept[*i])
        .map(|(_, h)| h.clone())
        .collect();
    let mut table = super::new_table();
    table.set_width(width);
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

/// A two-column table of names and values within `width`: the names never split, the values
/// wrap at spaces (a single word wider than what is left, a long link, is split).
pub fn record(pairs: Vec<(String, String)>, width: u16) -> Table {
    let names = pairs
        .iter()
        .map(|(k, _)| longest_word(k))
        .max()
        .unwrap_or(0);
    let room = usize::from(width).saturating_sub(names + overhead(2));
    let values = pairs
        .iter()
        .map(|(_, v)| longest_word(v))
        .max()
        .unwrap_or(0)
        .min(room);
    let mut table = super::new_table();
    table.set_width(width);
    for (k, v) in pairs {
        table.add_row(vec![k, v]);
    }
    table.set_constraints(vec![at_least(names), at_least(values)]);
    table
}

/// The lines under a table that had to leave columns out, wrapped within `width`.
pub fn dropped_note(dropped: &[String], lang: Lang, width: u16) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    let names = dropped.join(", ");
    let note = lang.pick(
        format!(
            "(Màn hình hẹp: ẩn cột {names}. Xem đủ bằng --format json, hoặc đặt COLUMNS rộng hơn.)"
        ),
        format!(
            "(Narrow screen: columns {names} left out. See them all with --format json, or set a wider COLUMNS.)"
        ),
    );
    Some(wrap(&note, usize::from(width)))
}

/// `text` broken into lines of at most `width` columns at spaces (a longer word keeps its
/// own line).
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
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
