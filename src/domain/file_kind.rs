//! What a file handed to `ingest` is when it is not text, or text in a legacy Vietnamese
//! encoding: told from its first bytes, so that an officer who gives a workbook, a PDF, a
//! file saved as "Unicode Text" or as Excel's plain "CSV (Comma delimited)" is told what it
//! is and which Save As choice makes it loadable, rather than that a header, or each of
//! hundreds of records, is not UTF-8; and whether a file given for a text someone reads
//! (`reply --text-file`) is plain UTF-8 text; and whether a file named as input is one of
//! phananh's secrets (a database, a key), which no input may be.

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
    /// A compressed file (gzip, bzip2, xz, zstd, 7-Zip): an export sent compressed, whose
    /// bytes were taken for text in the VNI encoding.
    Compressed,
}

/// How many first bytes [`foreign`] needs.
pub const SNIFF: usize = 8;

/// The kind of file `head` (its first bytes: [`SNIFF`] of them are enough) opens, None for
/// anything else (text of any encoding but UTF-16 with its mark, which the readers judge line
/// by line).
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
    } else if [
        &b"\x1f\x8b"[..],
        b"BZh",
        b"\xfd7zXZ\x00",
        b"\x28\xb5\x2f\xfd",
        b"7z\xbc\xaf\x27\x1c",
    ]
    .iter()
    .any(|magic| head.starts_with(magic))
    {
        Some(Foreign::Compressed)
    } else {
        None
    }
}

/// A legacy Vietnamese encoding a text file seems to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// The Windows code page, which Vietnamese Excel's "CSV (Comma delimited)" writes.
    Windows1258,
    /// TCVN 5712 (the ".Vn" fonts, "ABC"), one byte per letter.
    Tcvn3,
    /// VNI Windows: a Latin letter followed by a byte for its marks.
    Vni,
}

/// How many first bytes [`legacy`] judges: dozens of records, read once.
pub const LEGACY_SNIFF: usize = 1 << 16;

/// The legacy encoding `head` (a text file's first bytes, up to [`LEGACY_SNIFF`]) seems to
/// be in: bytes above 0x7F, hardly any of them valid UTF-8. None for UTF-8 text, even with a
/// few broken records among valid ones (those stay each record's fault), for ASCII, and
/// for too few stray bytes to judge a file by.
pub fn legacy(head: &[u8]) -> Option<Legacy> {
    // Below this many stray bytes a file is not judged whole: one mistyped cell is not an
    // encoding. A line of Vietnamese in a legacy encoding has dozens.
    const AT_LEAST: usize = 4;
    // A legacy byte followed by one that reads as a continuation byte makes a valid
    // sequence by chance; such chances stay well under one per this many stray bytes.
    const CHANCE: usize = 10;
    let (mut valid, mut stray) = (0usize, Vec::new());
    let mut rest = head;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += lead_bytes(text.as_bytes());
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                valid += lead_bytes(good);
                // None: a character cut by the end of the sample, not a fault.
                let Some(len) = e.error_len() else { break };
                stray.extend_from_slice(&after[..len]);
                rest = &after[len..];
            }
        }
    }
    if stray.len() < AT_LEAST || valid * CHANCE >= stray.len() {
        return None;
    }
    Some(guess(&stray))
}

/// How many multibyte characters valid UTF-8 `text` holds: one lead byte each.
fn lead_bytes(text: &[u8]) -> usize {
    text.iter().filter(|&&b| b >= 0xc0).count()
}

/// Which legacy encoding the bytes that are not UTF-8 most look like. TCVN3 puts its
/// modified vowels, đ and the tones of a in 0xA1–0xBF, where the other two keep
/// punctuation; VNI writes đ and ư as ñ and ö (0xF1, 0xF6) and its tones as ø, û, ï, none
/// a Vietnamese letter in Windows-1258, which writes đ and ư as 0xF0 and 0xFD and has the
/// tilde and hook as combining bytes (0xDE, 0xD2). Windows-1258 when unsure: it is what
/// Excel writes today.
fn guess(stray: &[u8]) -> Legacy {
    let count = |set: &[u8]| stray.iter().filter(|b| set.contains(b)).count();
    let tcvn3 = stray.iter().filter(|b| (0xa1..=0xbf).contains(*b)).count();
    let vni = count(&[0xf1, 0xf6, 0xd1, 0xd6, 0xf8, 0xfb, 0xef]);
    let windows = count(&[0xf0, 0xfd, 0xd0, 0xdd, 0xde, 0xd2]);
    if tcvn3 * 4 > stray.len() {
        Legacy::Tcvn3
    } else if vni > windows {
        Legacy::Vni
    } else {
        Legacy::Windows1258
    }
}

/// Which legacy font encoding valid Unicode `text` seems typed in: Vietnamese typed with a
/// TCVN3 (.VnTime) or VNI (VNI-Times) font, then pasted or converted into a UTF-8 file as
/// if it were Latin-1, so each legacy byte became a Latin-1 character ("§­êng" for
/// "Đường", "Ñöôøng" in VNI). The bytes are valid UTF-8, so [`legacy`] does not see it.
///
/// Judged only in a text with no letter of Vietnamese beyond Latin-1 (ă, đ, ơ, ư, ĩ, ũ and
/// the toned vowels of U+1EA0–U+1EF9): real Vietnamese has one within a few words, and
/// the scan stops there. Then it takes two characters inside a word that Vietnamese never
/// writes: TCVN3's U+00A1–U+00BF and Þ, or VNI's marks read as ö ø ñ ï û î (and capitals).
pub fn legacy_font(text: &str) -> Option<Legacy> {
    if text.is_ascii() {
        return None;
    }
    let tcvn3_byte = |c: char| matches!(c, '\u{a1}'..='\u{bf}');
    let (mut tcvn3, mut vni) = (0usize, 0usize);
    let mut chars = text.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if matches!(
            u32::from(c),
            0x102
                | 0x103
                | 0x110
                | 0x111
                | 0x128
                | 0x129
                | 0x168
                | 0x169
                | 0x1a0
                | 0x1a1
                | 0x1af
                | 0x1b0
                | 0x1ea0..=0x1ef9
        ) {
            return None;
        }
        let next = chars.peek().copied().unwrap_or(' ');
        let beside = |x: char| x.is_alphabetic() || tcvn3_byte(x);
        match c {
            // TCVN3's letters in U+00A1–U+00BF, within a word ("§­êng", "V¨n").
            c if tcvn3_byte(c) && (beside(previous) || beside(next)) => tcvn3 += 1,
            // Its capitals of toned vowels after a small letter ("NguyÔn", "TrÇn", "bÞ"):
            // Unicode Vietnamese writes no capital inside a word in small letters.
            '\u{c0}'..='\u{de}' if previous.is_ascii_lowercase() => tcvn3 += 1,
            // VNI's marks, read as letters Vietnamese never writes.
            'ö' | 'ø' | 'ñ' | 'ï' | 'û' | 'î' | 'Ö' | 'Ø' | 'Ñ' | 'Ï' | 'Û' | 'Î' => {
                vni += 1
            }
            _ => {}
        }
        previous = c;
    }
    if tcvn3 >= 2 && tcvn3 >= vni {
        Some(Legacy::Tcvn3)
    } else if vni >= 2 {
        Some(Legacy::Vni)
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

/// A secret phananh keeps, told from a file's first bytes: what no file named as input
/// (`--notes`, `--reason-file`, `--text-file`, an import, `ingest`) may be, since what is
/// read there is shown back, sealed into the log or published (SECURITY.md, "Private files").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secret {
    /// A SQLite database: the database itself, a backup or a copy of one.
    Database,
    /// An identity key file: a line of the key file's tag and a whole key.
    IdentityKey,
    /// A minisign secret key (`audit keygen`'s signing key, or minisign's own).
    SigningKey,
}

/// How many first bytes [`secret`] judges: a key file is a few lines.
pub const SECRET_SNIFF: usize = 4096;

/// The secret `head` (a file's first bytes, up to [`SECRET_SNIFF`]) opens, None for any
/// other file. A key is known by its whole shape, not by its tag alone, which a document
/// may quote.
pub fn secret(head: &[u8]) -> Option<Secret> {
    if head.starts_with(b"SQLite format 3\0") {
        return Some(Secret::Database);
    }
    let text = String::from_utf8_lossy(head);
    let mut lines = text.lines().map(str::trim);
    let identity = |line: &str| {
        line.strip_prefix(crate::domain::vault::KEY_FILE_TAG)
            .and_then(|hex| crate::domain::report::unhex(hex.trim()))
            .is_some_and(|key| key.len() == 32)
    };
    // A minisign secret key's second line is its 158 bytes in Base64 (212 characters),
    // opening with the algorithm "Ed" ("RW"); a public key is 56, a signature 100.
    let signing = |comment: &str, key: Option<&str>| {
        comment.starts_with("untrusted comment:")
            && key.is_some_and(|key| {
                key.len() == 212
                    && key.starts_with("RW")
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
            })
    };
    while let Some(line) = lines.next() {
        if identity(line) {
            return Some(Secret::IdentityKey);
        }
        if signing(line, lines.clone().next()) {
            return Some(Secret::SigningKey);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_font_text_in_unicode_is_told() {
        // The tester's lines: TCVN3 read as Windows-1252 (U+00AD after § and Ph), and VNI.
        for tcvn3 in [
            "\u{a7}\u{ad}êng ë khóm 4 bÞ sôt lón",
            "Sè 1 ®êng TrÇn Phó",
            "NguyÔn V¨n Hïng",
        ] {
            assert_eq!(legacy_font(tcvn3), Some(Legacy::Tcvn3), "{tcvn3}");
        }
        for vni in [
            "Ñöôøng ôû khóm 4 bò suïc luùn",
            "Soá 1 ñöôøng Traàn Phuù",
            "Phöôøng Taân Thaønh",
        ] {
            assert_eq!(legacy_font(vni), Some(Legacy::Vni), "{vni}");
        }
        for unicode in [
            "Đường ở khóm 4 bị sụt lún",
            "Nhiệt độ 39°C, ống nước vỡ © 2026",
            "Phường Tân Thành",
            "Duong o khom 4 bi sut lun",
            "Cafe Müller ở khóm 4 bị ngập",
            "Tân Thành",
            "",
        ] {
            assert_eq!(legacy_font(unicode), None, "{unicode}");
        }
    }

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
        for compressed in [
            &b"\x1f\x8b\x08\x00\x00\x00\x00\x00"[..],
            b"BZh91AY&",
            b"\xfd7zXZ\x00\x00\x04",
            b"\x28\xb5\x2f\xfd\x04\x58",
            b"7z\xbc\xaf\x27\x1c\x00\x04",
        ] {
            assert_eq!(
                foreign(compressed),
                Some(Foreign::Compressed),
                "{compressed:?}"
            );
        }
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

    /// "Đường Trần Hưng Đạo bị ngập nước" in each legacy encoding, as the bytes a file
    /// written in it holds.
    const WINDOWS_1258: &[u8] =
        b"\xd0\xfd\xf5\xccng Tr\xe2\xccn H\xfdng \xd0a\xf2o bi\xf2 ng\xe2\xf2p n\xfd\xf5\xecc";
    const TCVN3: &[u8] = b"\xa7\xad\xeang Tr\xc7n H\xadng \xa7\xb9o b\xde ng\xcbp n\xad\xedc";
    const VNI: &[u8] =
        b"\xd1\xf6\xf4\xf8ng Tra\xe0n H\xf6ng \xd1a\xefo b\xf2 nga\xe4p n\xf6\xf4\xf9c";

    /// A record of `text`, as a file's first bytes hold it under an ASCII header.
    fn file_of(text: &[u8]) -> Vec<u8> {
        let mut file = b"external_id,submitted_at,content\r\n".to_vec();
        for n in 0..3 {
            file.extend_from_slice(format!("A-{n},2026-11-04 07:00,").as_bytes());
            file.extend_from_slice(text);
            file.extend_from_slice(b"\r\n");
        }
        file
    }

    #[test]
    fn each_legacy_vietnamese_encoding_is_told_from_a_files_first_bytes() {
        assert_eq!(legacy(&file_of(WINDOWS_1258)), Some(Legacy::Windows1258));
        assert_eq!(legacy(&file_of(TCVN3)), Some(Legacy::Tcvn3));
        assert_eq!(legacy(&file_of(VNI)), Some(Legacy::Vni));
        // One line is enough to judge.
        assert_eq!(legacy(WINDOWS_1258), Some(Legacy::Windows1258));
    }

    #[test]
    fn utf8_ascii_and_a_few_broken_records_among_valid_ones_are_no_legacy_file() {
        let utf8 = "Đường Trần Hưng Đạo bị ngập nước".as_bytes();
        assert_eq!(legacy(&file_of(utf8)), None);
        assert_eq!(legacy(b"external_id,submitted_at\nA-1,2026-11-04\n"), None);
        assert_eq!(legacy(b""), None);
        // UTF-8 records, one of them in Windows-1258: that record's fault, not the file's.
        let mut mixed = file_of(utf8);
        mixed.extend_from_slice(WINDOWS_1258);
        mixed.extend_from_slice(&file_of(utf8));
        assert_eq!(legacy(&mixed), None);
        // Two stray bytes in ASCII text: too few to judge a file by.
        assert_eq!(legacy(b"external_id\nA-1,Nguy\xe9n V\xe3n\n"), None);
        // UTF-8 with its mark, and a character cut by the end of the sample.
        let mut cut = b"\xef\xbb\xbf".to_vec();
        cut.extend_from_slice(&file_of(utf8));
        cut.extend_from_slice(&"ệ".as_bytes()[..2]);
        assert_eq!(legacy(&cut), None);
    }

    /// A database, a key file and a minisign secret key are told by their whole shape; a
    /// public key, a signature, or a document quoting the key's tag are not secrets.
    #[test]
    fn a_database_or_a_secret_key_is_told_by_its_first_bytes() {
        assert_eq!(secret(b"SQLite format 3\0\x10\x00"), Some(Secret::Database));
        let hex = "ab".repeat(32);
        let key = format!("# khóa danh tính / identity key\nphananh-identity-key-v1 {hex}\n");
        assert_eq!(secret(key.as_bytes()), Some(Secret::IdentityKey));
        let rotated = format!("# key rotate: thay khóa / replaces key 1a2b\n{key}");
        assert_eq!(secret(rotated.as_bytes()), Some(Secret::IdentityKey));
        let minisign::KeyPair { pk, sk } =
            minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let secret_box = sk
            .to_box(Some("phananh checkpoint key"))
            .unwrap()
            .to_string();
        assert_eq!(secret(secret_box.as_bytes()), Some(Secret::SigningKey));
        let public_box = pk.to_box().unwrap().to_string();
        assert_eq!(secret(public_box.as_bytes()), None);
        for text in [
            "Đã sửa ổ gà; phananh-identity-key-v1 là tên định dạng khóa.".to_owned(),
            format!("phananh-identity-key-v1 {}", "ab".repeat(31)),
            "untrusted comment: signature from minisign secret key\nRWQ=\n".to_owned(),
            String::new(),
        ] {
            assert_eq!(secret(text.as_bytes()), None, "{text}");
        }
    }
}
