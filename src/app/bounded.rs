//! Reading records with a bound (issue 18, point 4): CSV records, lines and the elements of a
//! JSON array are read through a buffer of at most [`RECORD_LIMIT`] bytes, and a record
//! longer than that is refused while it is read — skipped to its end, never held whole — so
//! that a 300 MB field or a multi-GB line without a newline costs no more memory than a good
//! record. The caller says what is wrong with it and goes on with the next (nothing else in
//! the file is lost: docs/rules.md §1). A file small by nature (a reference table, a
//! calendar) is read whole instead, up to [`SMALL_FILE_LIMIT`] (`read_small`); a result
//! given in a file, up to [`TEXT_FILE_LIMIT`].

use std::io::{self, BufRead};

use crate::domain::lines::Breaks;

/// The longest record read: a report's text is limited far below this (the longest field
/// the intake takes is its content), so only a broken or hostile file comes near it.
pub const RECORD_LIMIT: usize = 512 * 1024;

/// The largest reference file read whole (fields, agencies, staff, service codes, a
/// calendar, a checkpoint): a province's tables are a few hundred rows, far below it.
pub const SMALL_FILE_LIMIT: u64 = 8 * 1024 * 1024;

/// The largest file a result is read from (`reply --text-file`): twice what one argument
/// of a command line can carry (128 KiB), so that no answer typed with `--text` is
/// refused from a file, and far below what a reader reads as one answer.
pub const TEXT_FILE_LIMIT: u64 = 256 * 1024;

/// Reads a file that is small by nature whole, refusing it (before holding more than the
/// limit) when it is not: a wrong file given where a table was meant, or a device. Any file
/// the operator names is read, a pipe included (`agency import /dev/stdin`), opened as
/// input (`storage::private::open_input`: the outer error, a refusal said whole); a key or
/// a checkpoint, where a planted FIFO could stand, is read with
/// `storage::private::read_regular` instead, through the same bounded read.
pub fn read_small(
    path: &std::path::Path,
    rule: &crate::storage::private::Input,
) -> Result<Result<String, crate::storage::private::ReadError>, crate::storage::private::Refused> {
    use crate::storage::private::{ReadError, open_input, read_at_most};
    let file = match open_input(path, rule)? {
        Ok(file) => file,
        Err(e) => return Ok(Err(ReadError::Io(e))),
    };
    Ok(read_at_most(file, SMALL_FILE_LIMIT).and_then(|text| {
        String::from_utf8(text)
            .map_err(|e| ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, e)))
    }))
}

/// What the next read found.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// A record, starting on this line (1-based), now in the reader's buffer.
    Record {
        line: u64,
    },
    /// A record longer than the limit, starting on this line, skipped to its end; `field`
    /// is the (0-based) field that was being read when the limit was passed, for CSV.
    TooLong {
        line: u64,
        field: Option<usize>,
    },
    End,
}

/// CSV records (RFC 4180, as the `csv` crate reads them: csv-core is its parser) with a
/// bound on each record's bytes.
pub struct CsvRecords<R> {
    core: csv_core::Reader,
    input: R,
    bytes: Vec<u8>,
    ends: Vec<usize>,
    fields: usize,
    delimiter: u8,
    /// Line breaks read so far, counted here: csv-core counts only `\n`, and before the
    /// `\n` of a CRLF that ends a record, so a file from Excel on Windows had every line
    /// named one too early, and a file with bare `\r` line 1 for everything.
    breaks: Breaks,
    /// The record last read as it is in the file, while it is within the bound: only the
    /// last record of a file (which may end inside quotes) is looked at again.
    raw: Vec<u8>,
    raw_whole: bool,
    /// For the record last read, when the file ended inside a quoted field of it: the line
    /// the quote opened on.
    unclosed: Option<u64>,
    /// The line the record last read ended on: past its first line when a quoted field
    /// held line breaks, or a quote left open swallowed the lines after it.
    last_line: u64,
    /// Whether the record last read was ended by the end of the file, with no line break
    /// after it, and its last field was not a quoted one closed by the file's last byte
    /// (which no cut inside that field leaves).
    unterminated: bool,
}

impl<R: BufRead> CsvRecords<R> {
    pub fn new(input: R, delimiter: u8) -> Self {
        CsvRecords {
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            input,
            bytes: vec![0; 4096],
            ends: vec![0; 64],
            fields: 0,
            delimiter,
            breaks: Breaks::default(),
            raw: Vec::new(),
            raw_whole: true,
            unclosed: None,
            last_line: 0,
            unterminated: false,
        }
    }

    /// Counts the line breaks of `bytes` read from the input before this reader took it
    /// (Excel's `sep=` line), so that lines are named as the file numbers them.
    pub fn count_lines(&mut self, bytes: &[u8]) {
        self.breaks.feed(bytes);
    }

    /// The byte between fields (`,`, or `;` for Excel's Vietnamese files).
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Reads the next record into the buffer (see [`CsvRecords::record`]).
    pub fn read(&mut self) -> io::Result<Next> {
        self.read_to(false)
    }

    /// Reads the first record, a header, as `read` does, but answers `TooLong` as soon as
    /// it passes the bound, the rest of the file left unread: a header past it refuses the
    /// whole file, and reading a 300 MB line to its end only to say so cost seconds.
    pub fn read_header(&mut self) -> io::Result<Next> {
        self.read_to(true)
    }

    /// `read`; with `give_up`, a record past the bound ends the read there.
    fn read_to(&mut self, give_up: bool) -> io::Result<Next> {
        // The line of the record's first byte: csv-core skips the line breaks (empty lines
        // included) before a record, so they are counted here before it starts.
        let mut start = None;
        self.raw.clear();
        self.raw_whole = true;
        self.unclosed = None;
        self.unterminated = false;
        let (mut used, mut ended) = (0, 0);
        let mut too_long = None;
        let mut after_break = false;
        loop {
            let input = self.input.fill_buf()?;
            let at_end = input.is_empty();
            let (result, read, wrote, found) =
                self.core
                    .read_record(input, &mut self.bytes[used..], &mut self.ends[ended..]);
            let mut consumed = &input[..read];
            if start.is_none() {
                let skip = consumed
                    .iter()
                    .take_while(|&&b| b == b'\r' || b == b'\n')
                    .count();
                self.breaks.feed(&consumed[..skip]);
                consumed = &consumed[skip..];
                if !consumed.is_empty() {
                    start = Some(self.breaks.count + 1);
                }
            }
            self.breaks.feed(consumed);
            if let Some(&last) = consumed.last() {
                after_break = last == b'\n' || last == b'\r';
            }
            if self.raw_whole && self.raw.len() + consumed.len() <= RECORD_LIMIT {
                self.raw.extend_from_slice(consumed);
            } else {
                self.raw_whole = false;
            }
            self.input.consume(read);
            let line = start.unwrap_or(self.breaks.count + 1);
            used += wrote;
            ended += found;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull
                | csv_core::ReadRecordResult::OutputEndsFull => {
                    if self.bytes.len() + self.ends.len() * size_of::<usize>() < RECORD_LIMIT {
                        if result == csv_core::ReadRecordResult::OutputFull {
                            self.bytes.resize(self.bytes.len() * 2, 0);
                        } else {
                            self.ends.resize(self.ends.len() * 2, 0);
                        }
                    } else {
                        // Past the bound: what was read of this record is dropped and the
                        // rest read over the same buffer, to its end.
                        too_long = too_long.or(Some(ended));
                        if give_up {
                            self.fields = 0;
                            return Ok(Next::TooLong {
                                line,
                                field: too_long,
                            });
                        }
                        (used, ended) = (0, 0);
                    }
                }
                csv_core::ReadRecordResult::Record if too_long.is_some() => {
                    self.fields = 0;
                    return Ok(Next::TooLong {
                        line,
                        field: too_long,
                    });
                }
                csv_core::ReadRecordResult::Record => {
                    self.fields = ended;
                    // The terminator is read with the record; the last record of a file
                    // without one has no break after its last line.
                    self.last_line = if after_break {
                        self.breaks.count
                    } else {
                        self.breaks.count + 1
                    };
                    self.unterminated = at_end
                        && !after_break
                        && !(self.raw_whole && closed_quote_at_end(&self.raw, self.delimiter));
                    // Only a record the end of the file ended can have a quote left open.
                    if at_end && self.raw_whole {
                        self.unclosed = open_quote(&self.raw, self.delimiter)
                            .map(|at| line + Breaks::in_bytes(&self.raw[..at]));
                    }
                    return Ok(Next::Record { line });
                }
                csv_core::ReadRecordResult::End => return Ok(Next::End),
            }
        }
    }

    /// When the file ended inside a quoted field of the record last read (a truncated
    /// export): the line that quote opened on. Decided as csv-core reads the record, not
    /// from the quotes of the whole file: a stray `"` inside an unquoted field earlier on
    /// is a plain character and opens nothing.
    pub fn unclosed_quote(&self) -> Option<u64> {
        self.unclosed
    }

    /// The line the record last read ended on (its first line, for a record of one line).
    pub fn last_line(&self) -> u64 {
        self.last_line
    }

    /// Whether the record last read ran into the end of the file with no line break after
    /// it: the last record of a file written without a final line end, or of one cut short.
    /// Not when its last field is quoted and the file's last byte closes it: a cut inside
    /// that field would have left the quote open (`unclosed_quote`), and a cut after it
    /// lost nothing.
    pub fn unterminated(&self) -> bool {
        self.unterminated
    }

    /// The fields of the record last read.
    pub fn record(&self, into: &mut csv::ByteRecord) {
        into.clear();
        let mut start = 0;
        for &end in &self.ends[..self.fields] {
            into.push_field(&self.bytes[start..end]);
            start = end;
        }
    }
}

/// Where, in one CSV record as written, a quoted field opens that is never closed: RFC 4180
/// as csv-core reads it (a quote opens a field only as its first byte; `""` inside is one
/// quote; after the closing quote the field goes on as plain text).
fn open_quote(raw: &[u8], delimiter: u8) -> Option<usize> {
    let (mut field_start, mut opened) = (true, None);
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if opened.is_some() {
            if b == b'"' {
                if raw.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    opened = None;
                }
            }
        } else if b == delimiter {
            field_start = true;
            i += 1;
            continue;
        } else if field_start && b == b'"' {
            opened = Some(i);
        }
        field_start = false;
        i += 1;
    }
    opened
}

/// Whether one CSV record as written ends with a quoted field closed by its last byte,
/// read as `open_quote` reads it.
fn closed_quote_at_end(raw: &[u8], delimiter: u8) -> bool {
    // Whether the field being read opened with a quote, is inside it, and where it closed.
    let (mut quoted, mut inside, mut closed_at) = (false, false, None);
    let mut field_start = true;
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if inside {
            if b == b'"' {
                if raw.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    inside = false;
                    closed_at = Some(i);
                }
            }
        } else if b == delimiter {
            (quoted, closed_at, field_start) = (false, None, true);
            i += 1;
            continue;
        } else if field_start && b == b'"' {
            (quoted, inside) = (true, true);
        }
        field_start = false;
        i += 1;
    }
    quoted && !inside && closed_at == Some(raw.len().wrapping_sub(1))
}

/// Lines with a bound on each line's bytes (JSON Lines).
pub struct Lines<R> {
    input: R,
    line: u64,
}

impl<R: BufRead> Lines<R> {
    pub fn new(input: R) -> Self {
        Lines { input, line: 0 }
    }

    /// Reads the next line into `buf` (without its newline).
    pub fn next(&mut self, buf: &mut Vec<u8>) -> io::Result<Next> {
        buf.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let input = self.input.fill_buf()?;
            if input.is_empty() {
                if !any {
                    return Ok(Next::End);
                }
                break;
            }
            any = true;
            let (take, newline) = match input.iter().position(|&b| b == b'\n') {
                Some(at) => (at, true),
                None => (input.len(), false),
            };
            keep_bounded(buf, &input[..take], &mut too_long);
            self.input.consume(take + usize::from(newline));
            if newline {
                break;
            }
        }
        self.line += 1;
        let line = self.line;
        Ok(if too_long {
            Next::TooLong { line, field: None }
        } else {
            Next::Record { line }
        })
    }
}

/// What the scan of a JSON array found next.
#[derive(Debug, PartialEq, Eq)]
pub enum Element {
    /// An element's bytes, now in the caller's buffer; it starts on this line.
    Value { line: u64 },
    /// An element longer than the limit, skipped to its end; it started on this line.
    TooLong { line: u64 },
    /// The array's end, with nothing but white space after it.
    End,
    /// Not a JSON array (or broken between its elements): reading stops here.
    Broken { line: u64, what: &'static str },
}

/// The elements of one JSON array, each handed over as its own bytes (at most the limit),
/// found by a scan that follows strings and nesting without building anything: serde_json
/// reading the whole array held each element whole, however long.
pub struct ArrayElements<R> {
    input: R,
    line: u64,
    breaks: Breaks,
    started: bool,
    ended: bool,
    trailing_comma: bool,
}

impl<R: BufRead> ArrayElements<R> {
    pub fn new(input: R) -> Self {
        ArrayElements {
            input,
            line: 1,
            breaks: Breaks::default(),
            started: false,
            ended: false,
            trailing_comma: false,
        }
    }

    /// The array closed after a comma (`[{…},{…},]`, as JavaScript and many writers allow):
    /// read as closed, every element whole; the caller says so.
    pub fn trailing_comma(&self) -> bool {
        self.trailing_comma
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        Ok(self.input.fill_buf()?.first().copied())
    }

    fn skip_space(&mut self) -> io::Result<Option<u8>> {
        loop {
            let input = self.input.fill_buf()?;
            if input.is_empty() {
                return Ok(None);
            }
            let spaces = input
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            self.breaks.feed(&input[..spaces]);
            self.line = self.breaks.count + 1;
            if spaces < input.len() {
                let next = input[spaces];
                self.input.consume(spaces);
                return Ok(Some(next));
            }
            self.input.consume(spaces);
        }
    }

    /// Reads the next element into `buf`.
    pub fn next(&mut self, buf: &mut Vec<u8>) -> io::Result<Element> {
        buf.clear();
        if self.ended {
            return Ok(Element::End);
        }
        let broken = |line, what| Ok(Element::Broken { line, what });
        if !self.started {
            self.started = true;
            if self.skip_space()? != Some(b'[') {
                self.ended = true;
                return broken(self.line, "expected a JSON array `[`");
            }
            self.input.consume(1);
            if self.skip_space()? == Some(b']') {
                self.input.consume(1);
                return self.after_end();
            }
        } else {
            match self.skip_space()? {
                Some(b',') => self.input.consume(1),
                Some(b']') => {
                    self.input.consume(1);
                    return self.after_end();
                }
                Some(_) => {
                    self.ended = true;
                    return broken(self.line, "expected `,` or `]` after an element");
                }
                None => {
                    self.ended = true;
                    return broken(self.line, "the file ends before the array is closed");
                }
            }
        }
        match self.skip_space()? {
            None => {
                self.ended = true;
                return broken(self.line, "the file ends before the array is closed");
            }
            // After a comma (an empty array closed at once was read above): nothing is
            // missing, the array is closed; said, and no record counted for it (a record
            // that does not exist was listed as malformed, exit 1).
            Some(b']') => {
                self.input.consume(1);
                self.trailing_comma = true;
                return self.after_end();
            }
            Some(b',') => {
                self.ended = true;
                return broken(
                    self.line,
                    "an element is missing between `,` and what follows",
                );
            }
            Some(_) => {}
        }
        let line = self.line;
        let too_long = self.element(buf)?;
        if self.peek()?.is_none() && !self.ended {
            // The element ran to the end of the file: the array was never closed.
            self.ended = true;
            if too_long {
                return Ok(Element::TooLong { line });
            }
            return broken(line, "the file ends before the array is closed");
        }
        Ok(if too_long {
            Element::TooLong { line }
        } else {
            Element::Value { line }
        })
    }

    /// Scans one element (up to a `,` or `]` outside strings and nesting), keeping its bytes
    /// in `buf` while they fit. Returns whether it was too long.
    fn element(&mut self, buf: &mut Vec<u8>) -> io::Result<bool> {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let mut too_long = false;
        loop {
            let input = self.input.fill_buf()?;
            if input.is_empty() {
                return Ok(too_long);
            }
            let mut end = None;
            for (i, &b) in input.iter().enumerate() {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    b']' | b',' if depth == 0 => {
                        end = Some(i);
                        break;
                    }
                    b' ' | b'\t' | b'\r' | b'\n' if depth == 0 => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let take = end.unwrap_or(input.len());
            self.breaks.feed(&input[..take]);
            self.line = self.breaks.count + 1;
            keep_bounded(buf, &input[..take], &mut too_long);
            self.input.consume(take);
            if end.is_some() {
                return Ok(too_long);
            }
        }
    }

    fn after_end(&mut self) -> io::Result<Element> {
        self.ended = true;
        match self.skip_space()? {
            None => Ok(Element::End),
            Some(_) => Ok(Element::Broken {
                line: self.line,
                what: "trailing characters after the array",
            }),
        }
    }

    /// The line the scan has reached (for an error after the last element).
    pub fn line(&self) -> u64 {
        self.line
    }
}

/// Appends `chunk` to the record held in `buf`, unless that would pass [`RECORD_LIMIT`]:
/// then the record is over-long, what was held is dropped, and the rest of it is skipped
/// by the caller without ever being held.
fn keep_bounded(buf: &mut Vec<u8>, chunk: &[u8], too_long: &mut bool) {
    if *too_long {
        return;
    }
    if buf.len() + chunk.len() > RECORD_LIMIT {
        *too_long = true;
        buf.clear();
    } else {
        buf.extend_from_slice(chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source of `n` bytes of `fill` between a head and a tail, made as it is read: a
    /// record of any size without holding it.
    struct Long {
        head: Vec<u8>,
        fill: u8,
        left: u64,
        tail: Vec<u8>,
        chunk: Vec<u8>,
    }

    impl io::Read for Long {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if !self.head.is_empty() {
                let n = self.head.len().min(out.len());
                out[..n].copy_from_slice(&self.head[..n]);
                self.head.drain(..n);
                return Ok(n);
            }
            if self.left > 0 {
                let n = (self.left as usize).min(out.len()).min(self.chunk.len());
                out[..n].fill(self.fill);
                self.left -= n as u64;
                return Ok(n);
            }
            let n = self.tail.len().min(out.len());
            out[..n].copy_from_slice(&self.tail[..n]);
            self.tail.drain(..n);
            Ok(n)
        }
    }

    fn long(head: &str, fill: u8, left: u64, tail: &str) -> io::BufReader<Long> {
        io::BufReader::new(Long {
            head: head.as_bytes().to_vec(),
            fill,
            left,
            tail: tail.as_bytes().to_vec(),
            chunk: vec![0; 1 << 16],
        })
    }

    #[test]
    fn a_csv_record_past_the_limit_is_skipped_and_the_next_read() {
        let mut csv = CsvRecords::new(
            long("a,b\n1,\"", b'x', 3 * RECORD_LIMIT as u64, "\"\n2,y\n"),
            b',',
        );
        let mut record = csv::ByteRecord::new();
        assert_eq!(csv.read().unwrap(), Next::Record { line: 1 });
        csv.record(&mut record);
        assert_eq!(record, vec!["a", "b"]);
        // The second field passed the bound.
        assert_eq!(
            csv.read().unwrap(),
            Next::TooLong {
                line: 2,
                field: Some(1)
            }
        );
        assert_eq!(csv.read().unwrap(), Next::Record { line: 3 });
        csv.record(&mut record);
        assert_eq!(record, vec!["2", "y"]);
        assert_eq!(csv.read().unwrap(), Next::End);
        assert!(csv.bytes.len() + csv.ends.len() * 8 <= 2 * RECORD_LIMIT);
    }

    /// Every record, with its line and, for the last, where a quote was left open.
    fn csv_lines(text: &str) -> Vec<(u64, Vec<String>, Option<u64>)> {
        let mut csv = CsvRecords::new(text.as_bytes(), b',');
        let mut record = csv::ByteRecord::new();
        let mut found = Vec::new();
        while let Next::Record { line } = csv.read().unwrap() {
            csv.record(&mut record);
            let fields = record
                .iter()
                .map(|f| String::from_utf8(f.to_vec()).unwrap())
                .collect();
            found.push((line, fields, csv.unclosed_quote()));
        }
        found
    }

    #[test]
    fn csv_lines_are_the_lines_an_editor_shows_whatever_the_line_ends() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["h,i", "a,b", "", "c,\"x", "y\"", "d,e", ""].join(end);
            let lines: Vec<u64> = csv_lines(&text).iter().map(|r| r.0).collect();
            assert_eq!(lines, [1, 2, 4, 6], "{end:?}");
        }
    }

    /// Only the last record of a file without a line break after it is unterminated,
    /// whatever the line ends, unless a quote closes its last field at the file's end; a
    /// quoted field's own line breaks do not count.
    #[test]
    fn only_a_last_record_without_a_line_end_is_unterminated() {
        for end in ["\n", "\r\n", "\r"] {
            for (text, last) in [
                (["h,i", "a,b", "c,d"].join(end), true),
                (["h,i", "a,b", "c,d", ""].join(end), false),
                (["h,i", "a,\"b", "x\"", "c,d"].join(end), true),
                (["h,i", "a,\"b", "x\"", "c,\"d", "y\""].join(end), false),
                (["h,i", "a,b", "c,\"d", "y\"", ""].join(end), false),
                // A quoted last field the last byte closes: no cut inside it.
                (["h,i", "a,b", "c,\"d\"\"x\"\"\""].join(end), false),
                (["h,i", "a,b", "c,\"d\"x"].join(end), true),
                (["h,i", "a,\"b\"", "c,d\""].join(end), true),
            ] {
                let mut csv = CsvRecords::new(text.as_bytes(), b',');
                let mut ends = Vec::new();
                while let Next::Record { .. } = csv.read().unwrap() {
                    ends.push(csv.unterminated());
                }
                assert_eq!(ends, [false, false, last], "{text:?}");
            }
        }
    }

    /// A stray quote swallowed the next lines into one record: the error must name where
    /// it ended, or the reports on those lines vanish from every count.
    #[test]
    fn a_record_knows_the_line_it_ended_on_whatever_the_line_ends() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["h,i", "a,\"x", "y", "z\"", "b,c", "d,\"e"].join(end);
            let mut csv = CsvRecords::new(text.as_bytes(), b',');
            let mut spans = Vec::new();
            while let Next::Record { line } = csv.read().unwrap() {
                spans.push((line, csv.last_line()));
            }
            assert_eq!(spans, [(1, 1), (2, 4), (5, 5), (6, 6)], "{end:?}");
            let ended = format!("{text}{end}");
            let mut csv = CsvRecords::new(ended.as_bytes(), b',');
            let mut last = 0;
            while let Next::Record { .. } = csv.read().unwrap() {
                last = csv.last_line();
            }
            assert_eq!(last, 6, "{end:?}");
        }
    }

    #[test]
    fn only_a_quote_the_parser_left_open_makes_the_last_record_unclosed() {
        // A stray quote inside an unquoted field is a plain character.
        let stray = csv_lines("h,i\na,b\"c\nd,e\n");
        assert_eq!(
            stray.last().unwrap(),
            &(3, vec!["d".into(), "e".into()], None)
        );
        let stray_no_end = csv_lines("h,i\na,b\"c\nd,e");
        assert_eq!(stray_no_end.last().unwrap().2, None);
        // Closed quotes with doubled quotes and line breaks inside, then the end.
        assert_eq!(
            csv_lines("h,i\na,\"x \"\"y\"\"\nz\"").last().unwrap().2,
            None
        );
        // Opened on line 3 of a record that starts on line 2, never closed.
        let open = csv_lines("h,i\na,\"ok\"\"\r\nstill\",\"cut\r\nshort");
        assert_eq!(open.last().unwrap().0, 2);
        assert_eq!(open.last().unwrap().2, Some(3));
        assert_eq!(open_quote(b"a,b\"c", b','), None);
        assert_eq!(open_quote(b"a,\"b\"c,\"", b','), Some(7));
    }

    #[test]
    fn a_line_past_the_limit_is_skipped_and_the_next_read() {
        let mut lines = Lines::new(long("{}\n", b'x', 3 * RECORD_LIMIT as u64, "\n{\"a\":1}"));
        let mut buf = Vec::new();
        assert_eq!(lines.next(&mut buf).unwrap(), Next::Record { line: 1 });
        assert_eq!(buf, b"{}");
        assert_eq!(
            lines.next(&mut buf).unwrap(),
            Next::TooLong {
                line: 2,
                field: None
            }
        );
        assert!(buf.capacity() <= 2 * RECORD_LIMIT);
        assert_eq!(lines.next(&mut buf).unwrap(), Next::Record { line: 3 });
        assert_eq!(buf, b"{\"a\":1}");
        assert_eq!(lines.next(&mut buf).unwrap(), Next::End);
    }

    #[test]
    fn array_elements_are_found_through_strings_and_nesting() {
        let text = "[ {\"a\": \"x,]}\\\"\"}, [1, [2]],\n 3 , \"s\" ]  \n";
        let mut array = ArrayElements::new(text.as_bytes());
        let mut buf = Vec::new();
        let mut found = Vec::new();
        loop {
            match array.next(&mut buf).unwrap() {
                Element::Value { line } => {
                    found.push((line, String::from_utf8(buf.clone()).unwrap()));
                }
                Element::End => break,
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(
            found,
            [
                (1, "{\"a\": \"x,]}\\\"\"}".to_owned()),
                (1, "[1, [2]]".to_owned()),
                (2, "3".to_owned()),
                (2, "\"s\"".to_owned()),
            ]
        );
    }

    #[test]
    fn an_array_element_past_the_limit_is_skipped_and_the_next_read() {
        let mut array = ArrayElements::new(long(
            "[{\"content\": \"",
            b'x',
            3 * RECORD_LIMIT as u64,
            "\"}, {\"a\": 1}]",
        ));
        let mut buf = Vec::new();
        assert_eq!(array.next(&mut buf).unwrap(), Element::TooLong { line: 1 });
        assert_eq!(array.next(&mut buf).unwrap(), Element::Value { line: 1 });
        assert_eq!(buf, b"{\"a\": 1}");
        assert_eq!(array.next(&mut buf).unwrap(), Element::End);
    }

    #[test]
    fn a_broken_array_stops_the_scan() {
        let mut buf = Vec::new();
        for (text, what) in [
            ("{}", "expected a JSON array `[`"),
            ("[1 2]", "expected `,` or `]` after an element"),
            ("[1,", "the file ends before the array is closed"),
            (
                "[1,,2]",
                "an element is missing between `,` and what follows",
            ),
            ("[1,] x", "trailing characters after the array"),
            ("[1] x", "trailing characters after the array"),
        ] {
            let mut array = ArrayElements::new(text.as_bytes());
            let found = loop {
                match array.next(&mut buf).unwrap() {
                    Element::Broken { what, .. } => break what,
                    Element::End => panic!("{text}: no error"),
                    _ => {}
                }
            };
            assert_eq!(found, what, "{text}");
        }
    }
}
