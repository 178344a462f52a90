//! What a file handed to `ingest` is when it is not text: told from its first bytes, so that
//! an officer who gives a workbook, a PDF or a file saved as "Unicode Text" is told what it is
//! and which Save As choice makes it loadable, rather than that a header is not UTF-8.

/// A kind of file that holds no export of reports phananh can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// A ZIP container: an Excel workbook (.xlsx), an OpenDocument sheet (.ods), a Word file.
    Workbook,
    /// The compound file of Office before 2007 (.xls, .doc).
    OldOffice,
    /// Text in UTF-16, as Excel's "Unicode Text" saves it (a byte-order mark says so).
    Utf16,
    Pdf,
}

/// How many first bytes [`foreign`] needs.
pub const SNIFF: usize = 8;

/// The kind of file `head` (its first bytes, up to [`SNIFF`]) opens, None for anything else
/// (text of any encoding but UTF-16 with its mark, which the readers judge line by line).
pub fn foreign(head: &[u8]) -> Option<Foreign> {
    const OLE2: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    if head.starts_with(b"PK\x03\x04") {
        Some(Foreign::Workbook)
    } else if head.starts_with(OLE2) {
        Some(Foreign::OldOffice)
    } else if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        Some(Foreign::Utf16)
    } else if head.starts_with(b"%PDF-") {
        Some(Foreign::Pdf)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_told_by_its_first_bytes_and_text_is_left_to_the_readers() {
        assert_eq!(
            foreign(b"PK\x03\x04\x14\x00\x06\x00"),
            Some(Foreign::Workbook)
        );
        assert_eq!(
            foreign(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
            Some(Foreign::OldOffice)
        );
        assert_eq!(foreign(b"\xff\xfee\x00x\x00"), Some(Foreign::Utf16));
        assert_eq!(foreign(b"\xfe\xff\x00e\x00x"), Some(Foreign::Utf16));
        assert_eq!(foreign(b"%PDF-1.7"), Some(Foreign::Pdf));
        // UTF-8 with or without its mark, JSON, an empty file, half a mark.
        for text in [
            &b"external_id,"[..],
            b"\xef\xbb\xbfexternal_id",
            b"[{\"id\"",
            b"",
            b"\xd0\xcf\x11",
            b"PK",
        ] {
            assert_eq!(foreign(text), None, "{text:?}");
        }
    }
}
