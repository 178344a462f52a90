//! Line numbers as a text editor shows them, for every file the tool reads and names lines
//! of: `\n`, `\r\n` (Excel on Windows) and a bare `\r` (old Mac) each end one line. The
//! `csv` crate's own count (csv-core's) counts only `\n`, and before the `\n` of a CRLF
//! that ends a record, so it named every line of a Windows file one too early.

/// Line breaks as a text editor counts them: `\n`, `\r\n` (Windows) and a bare `\r` (old
/// Mac) each end one line, however the bytes are split between reads.
#[derive(Debug, Default, Clone, Copy)]
pub struct Breaks {
    pub count: u64,
    after_cr: bool,
}

impl Breaks {
    pub fn feed(&mut self, bytes: &[u8]) {
        let Some(&last) = bytes.last() else {
            return;
        };
        // Counted apart so that each count is a plain (vectorised) pass; pairs only when a
        // `\r` is there at all.
        let newlines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let returns = bytes.iter().filter(|&&b| b == b'\r').count() as u64;
        let mut pairs = 0;
        if returns > 0 || self.after_cr {
            // Byte by byte, not `windows(2) == b"\r\n"`: that compiles to a `memcmp` call
            // per position, 2 % of a bulk load of a CRLF file in `perf`.
            pairs = bytes
                .iter()
                .zip(&bytes[1..])
                .filter(|&(&a, &b)| a == b'\r' && b == b'\n')
                .count() as u64;
            pairs += u64::from(self.after_cr && bytes[0] == b'\n');
        }
        self.count += newlines + returns - pairs;
        self.after_cr = last == b'\r';
    }

    /// The line breaks in `bytes`, read alone.
    pub fn in_bytes(bytes: &[u8]) -> u64 {
        let mut breaks = Breaks::default();
        breaks.feed(bytes);
        breaks.count
    }
}

/// The physical line (1-based) of records found by their byte offset in a text held whole,
/// asked in file order: the `csv` crate's own line is csv-core's, wrong for CRLF and bare
/// `\r` files (`app::bounded::CsvRecords`).
pub struct LineOf<'t> {
    text: &'t [u8],
    counted: usize,
    breaks: Breaks,
}

impl<'t> LineOf<'t> {
    pub fn new(text: &'t [u8]) -> Self {
        LineOf {
            text,
            counted: 0,
            breaks: Breaks::default(),
        }
    }

    /// The line of the record whose bytes start at `byte` (or after the line breaks there:
    /// the csv crate places a record after a CRLF's `\r`, before its `\n`).
    pub fn of(&mut self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while at < self.text.len() && matches!(self.text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at > self.counted {
            self.breaks.feed(&self.text[self.counted..at]);
            self.counted = at;
        }
        self.breaks.count + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_split_between_reads_count_as_read_whole() {
        let text = "h,i\r\na,b\r\n\r\nc,d\re\n";
        let mut breaks = Breaks::default();
        for byte in text.as_bytes() {
            breaks.feed(std::slice::from_ref(byte));
        }
        assert_eq!(breaks.count, Breaks::in_bytes(text.as_bytes()));
        assert_eq!(breaks.count, 5);
    }

    #[test]
    fn a_line_is_found_by_its_byte_offset_in_a_text_held_whole() {
        let text = "h,i\r\na,b\r\n\r\nc,d\r\n";
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut lines = LineOf::new(text.as_bytes());
        let found: Vec<u64> = reader
            .records()
            .map(|r| lines.of(r.unwrap().position().unwrap().byte()))
            .collect();
        assert_eq!(found, [2, 4]);
    }
}
