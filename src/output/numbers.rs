//! How a count is written for its reader, in every table, document, chart and message of
//! `output`: one function, [`grouped`], kept in `i18n` (the bottom language module, which
//! its English nouns in `i18n::count_en` need too) and re-exported here for the tables that
//! name it through `output`. Files for programs (JSON, CSV) keep their digits plain.

pub use crate::i18n::{count_en, grouped};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Vietnamese groups thousands with a point, its decimal mark being the comma.
    #[test]
    fn counts_group_thousands_as_their_reader_does() {
        assert_eq!(grouped(2040, Lang::Vi), "2.040");
        assert_eq!(grouped(2040, Lang::En), "2,040");
        assert_eq!(grouped(1_234_567, Lang::Vi), "1.234.567");
        assert_eq!(grouped(999, Lang::Vi), "999");
        assert_eq!(grouped(0, Lang::En), "0");
        assert_eq!(count_en(1, "event", "events"), "1 event");
        assert_eq!(count_en(2576, "event", "events"), "2,576 events");
    }
}
