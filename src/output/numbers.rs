//! How a count is written for its reader, in every table, document, chart and message of
//! `output`: one function, so that "1.308" in a table is not "1308" in the chart beside it
//! or in `audit verify`'s line. Files for programs (JSON, CSV) keep their digits plain.

use crate::i18n::Lang;

/// A whole number with the thousands separator of `lang` (CLDR: `.` in Vietnamese, where
/// the comma is the decimal mark; `,` in English).
pub fn grouped(n: u64, l: Lang) -> String {
    let digits = n.to_string();
    let mark = l.pick('.', ',');
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(digit);
    }
    out
}

/// A count and its noun in English, grouped: "1 event", "2,576 events".
pub fn counted_en(n: u64, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    format!("{} {noun}", grouped(n, Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vietnamese groups thousands with a point, its decimal mark being the comma.
    #[test]
    fn counts_group_thousands_as_their_reader_does() {
        assert_eq!(grouped(2040, Lang::Vi), "2.040");
        assert_eq!(grouped(2040, Lang::En), "2,040");
        assert_eq!(grouped(1_234_567, Lang::Vi), "1.234.567");
        assert_eq!(grouped(999, Lang::Vi), "999");
        assert_eq!(grouped(0, Lang::En), "0");
        assert_eq!(counted_en(1, "event", "events"), "1 event");
        assert_eq!(counted_en(2576, "event", "events"), "2,576 events");
    }
}
