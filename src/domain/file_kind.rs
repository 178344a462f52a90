//! What a file handed to `ingest` is when it is not text: told from its first bytes, so that
//! an officer who gives a workbook, a PDF or a file saved as "Unicode Text" is told what it is
//! and which Save As choice makes it loadable, rather than that a header is not UTF-8; and
//! whether a file given for a text someone reads (`reply --text-file`) is plain UTF-8 text.

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

/// Why a file given for a text someone reads (`reply --text-file`) is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPlain {
    Foreign(Foreign),
    /// Rich Text (Word's .rtf): text, but its markup would be published with the words.
    Rtf,
    /// Not UTF-8: another encoding (Windows-1258, TCVN3) or no text at all.
    NotUtf8,
    /// UTF-8 with NUL bytes, which no text file holds.
    Binary,
}

/// The text of a file that should hold plain UTF-8 text, its byte-order mark (which Notepad
/// writes) left out; or what it is instead. A Word answer given as it was saved (.docx,
/// .doc, .pdf) is refused, not recorded as whatever its bytes decode to.
pub fn plain_text(bytes: &[u8]) -> Result<&str, NotPlain> {
    if let Some(kind) = foreign(&bytes[..bytes.len().min(SNIFF)]) {
        return Err(NotPlain::Foreign(kind));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| NotPlain::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.starts_with("{\\rtf") {
        return Err(NotPlain::Rtf);
    }
    if text.contains('\0') {
        return Err(NotPlain::Binary);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_text_file_is_its_text_and_a_document_is_told_apart() {
        assert_eq!(plain_text("Đã vá ổ gà.\n".as_bytes()), Ok("Đã vá ổ gà.\n"));
        assert_eq!(plain_text("\u{feff}Đã vá".as_bytes()), Ok("Đã vá"));
        assert_eq!(plain_text(b""), Ok(""));
        assert_eq!(
            plain_text(b"PK\x03\x04\x14\x00\x06\x00word/document.xml"),
            Err(NotPlain::Foreign(Foreign::Workbook))
        );
        assert_eq!(
            plain_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00"),
            Err(NotPlain::Foreign(Foreign::OldOffice))
        );
        assert_eq!(
            plain_text(b"%PDF-1.7\n"),
            Err(NotPlain::Foreign(Foreign::Pdf))
        );
        assert_eq!(
            plain_text(b"\xff\xfe\x10\x01"),
            Err(NotPlain::Foreign(Foreign::Utf16))
        );
        assert_eq!(plain_text(b"{\\rtf1\\ansi Da va}"), Err(NotPlain::Rtf));
        // "Đã" in Windows-1258.
        assert_eq!(plain_text(b"\xd0\xe3 v\xe1"), Err(NotPlain::NotUtf8));
        assert_eq!(plain_text(b"abc\0def"), Err(NotPlain::Binary));
    }

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
