//! Vietnamese text utilities: Unicode normalisation, diacritic- and case-insensitive folding
//! for search and keyword matching, and masking of personal data for display.
//!
//! Owns how text is compared and how a reporter's name and phone are shown masked. Pure
//! functions only: no I/O, no clock, no storage. docs/rules.md §1: text is stored in NFC and search
//! ignores diacritics and case ("duong" finds "Đường"); Đ6.5: name and phone stay secret.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `char::is_alphanumeric`, answered without its table search for the letters Vietnamese is
/// written in (Latin-1, Latin Extended-A and -B, Latin Extended Additional): that search was
/// the largest single cost of redacting a public export (a seventh of its CPU), as it had been
/// of validation before `validate::fast`'s own class of characters.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        // Every character of these blocks is a letter but the multiplication and division signs.
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_alphabetic`, with [`is_alphanumeric`]'s short way for Vietnamese letters.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphabetic(),
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Unicode NFC form of `s`.
///
/// Phones and old keyboards send decomposed (NFD) Vietnamese; storing NFC makes both spellings
/// of "Đường" the same bytes, so equality, uniqueness and ordering behave.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// Whether `text` holds more than `limit` characters once in NFC, as it is stored: the same
/// words typed decomposed (an old keyboard's NFD, a third more characters in Vietnamese)
/// count as composed, where they were refused as too long. Past four times the limit it is
/// not normalised (composition joins at most four code points into one), so a hostile
/// megabyte costs a count, not a normalisation.
pub fn longer_than_stored(text: &str, limit: usize) -> bool {
    let raw = text.chars().count();
    raw > limit && (raw > limit.saturating_mul(4) || nfc_cow(text).chars().count() > limit)
}

/// `nfc`, borrowing `s` when it is already in NFC, as almost all text arrives.
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    // A text made only of such characters is NFC, and the quick check's table lookups per
    // character (a fifth of a bulk load's reading thread) are spared.
    if only_composed_starters(s)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.nfc().collect())
}

/// The characters that reorder text (Unicode's bidirectional embeddings, overrides,
/// isolates and marks): U+202E alone makes the rest of a line read backwards.
pub fn bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` ends a line: LF, and what else pasted text ends its lines with. CR (with or
/// without the LF after it), Word's manual line break (U+000B, Shift+Enter), a page break
/// (U+000C), NEL (U+0085), and the line and paragraph separators (U+2028, U+2029) that web
/// pages and PDFs paste.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `text` with every line break ([`is_line_break`]) written as one LF, a CRLF included. A
/// free text is recorded so (`written`), and shown so (`printable`): removed as controls or
/// shown as a space, those breaks glued the words either side ("kiểm tra:Đã lập").
pub fn line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_line_break(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut lines = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A CRLF is one break: its LF follows.
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        lines.push(if is_line_break(c) { '\n' } else { c });
    }
    std::borrow::Cow::Owned(lines)
}

/// A free text someone types for others to read (a result, a reason), as it is recorded:
/// NFC, line breaks as LF ([`line_breaks`]).
pub fn written(text: &str) -> String {
    nfc(&line_breaks(text))
}

/// Text as a reader is shown it (a terminal, a document, the public feed): line breaks as
/// LF ([`line_breaks`]), other control characters (ESC and the rest of C0 and C1, DEL) and
/// bidirectional controls removed, tabs kept.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || bidi_control(c);
    if !text
        .chars()
        .any(|c| bad(c) || (c != '\n' && is_line_break(c)))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(line_breaks(text).chars().filter(|c| !bad(*c)).collect())
}

/// Composed Vietnamese is ASCII, Latin-1, Latin Extended-A/B and Latin Extended Additional,
/// where every code point starts a character, is its own NFC and never combines with the one
/// before it (checked for each one in the tests).
/// Characters that print nothing (Unicode's format characters, fillers, variation selectors,
/// tags): a field holding only these looks filled to a program and empty to a reader, and an
/// id holding one prints like another id.
pub fn prints_nothing(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// What the word readers (`redact`'s words, `exposure`'s folded words) ask of each
/// character, looked up once: `char::is_uppercase`, `is_lowercase` and `is_whitespace`,
/// [`is_alphanumeric`], `is_combining_mark` and [`prints_nothing`] asked one after the other
/// for every character of every accepted content were a sixth of the look `validate` takes
/// at what a content makes public (each a table search or a chain of ranges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharTraits(u8);

impl CharTraits {
    const ALPHANUMERIC: u8 = 1;
    const MARK: u8 = 1 << 1;
    const PRINTS_NOTHING: u8 = 1 << 2;
    const UPPERCASE: u8 = 1 << 3;
    const LOWERCASE: u8 = 1 << 4;
    const WHITESPACE: u8 = 1 << 5;

    /// The traits of `c`: from [`CHAR_TRAITS`] below its length, asked of each function
    /// above it.
    #[inline]
    pub fn of(c: char) -> CharTraits {
        if c.is_ascii() {
            return CharTraits(ASCII_TRAITS[c as usize]);
        }
        match CHAR_TRAITS.get(c as usize) {
            Some(&traits) => CharTraits(traits),
            None => CharTraits::asked(c),
        }
    }

    /// The traits of `c`, each asked of its function: what the table holds.
    fn asked(c: char) -> CharTraits {
        let bit = |has: bool, bit: u8| if has { bit } else { 0 };
        CharTraits(
            bit(is_alphanumeric(c), Self::ALPHANUMERIC)
                | bit(is_combining_mark(c), Self::MARK)
                | bit(prints_nothing(c), Self::PRINTS_NOTHING)
                | bit(c.is_uppercase(), Self::UPPERCASE)
                | bit(c.is_lowercase(), Self::LOWERCASE)
                | bit(c.is_whitespace(), Self::WHITESPACE),
        )
    }

    /// [`is_alphanumeric`].
    pub fn alphanumeric(self) -> bool {
        self.0 & Self::ALPHANUMERIC != 0
    }
    /// `unicode_normalization::char::is_combining_mark`.
    pub fn mark(self) -> bool {
        self.0 & Self::MARK != 0
    }
    /// [`prints_nothing`].
    pub fn prints_nothing(self) -> bool {
        self.0 & Self::PRINTS_NOTHING != 0
    }
    /// `char::is_uppercase`.
    pub fn uppercase(self) -> bool {
        self.0 & Self::UPPERCASE != 0
    }
    /// `char::is_lowercase`.
    pub fn lowercase(self) -> bool {
        self.0 & Self::LOWERCASE != 0
    }
    /// `char::is_whitespace`.
    pub fn whitespace(self) -> bool {
        self.0 & Self::WHITESPACE != 0
    }
}

/// [`CharTraits`] of each ASCII character, known when compiling: most of a Vietnamese text
/// is ASCII, and the table below is reached through a lazy lock's check.
const ASCII_TRAITS: [u8; 128] = {
    let mut traits = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        traits[b] = if c.is_ascii_alphanumeric() {
            CharTraits::ALPHANUMERIC
        } else {
            0
        } | if c.is_ascii_uppercase() {
            CharTraits::UPPERCASE
        } else {
            0
        } | if c.is_ascii_lowercase() {
            CharTraits::LOWERCASE
        } else {
            0
        }
            // `char::is_whitespace` of ASCII: tab to carriage return (with the vertical
            // tab, which `u8::is_ascii_whitespace` leaves out) and the space.
            | if matches!(c, b'\t'..=b'\r' | b' ') {
                CharTraits::WHITESPACE
            } else {
                0
            };
        b += 1;
    }
    traits
};

/// [`CharTraits`] of each character below [`FOLD_TABLE_LEN`] (where Vietnamese is written),
/// made once from the functions themselves so the two cannot disagree
/// (`char_traits_are_what_each_function_says`).
static CHAR_TRAITS: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    (0..FOLD_TABLE_LEN as u32)
        .map(|u| char::from_u32(u).map_or(0, |c| CharTraits::asked(c).0))
        .collect()
});

/// The edit distance between two short texts (insertions, deletions and substitutions of
/// one character each): how a mistyped column name is told from another name.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The one of `names` that `typed` most likely misspells, for a "did you mean": the nearest
/// by `edit_distance` (folded, so case and marks do not count), at most 2 edits and no more
/// than one per three characters typed (a short word is near everything); else the only
/// name it begins (three characters at least: `closed` for `closed_private`). None when
/// nothing is that near, or `typed` is a name as it is.
pub fn closest<'a>(typed: &str, names: &[&'a str]) -> Option<&'a str> {
    if names.contains(&typed) {
        return None;
    }
    let typed = fold(typed);
    let length = typed.chars().count();
    let nearest = names
        .iter()
        .map(|name| (edit_distance(&typed, &fold(name)), *name))
        .filter(|(distance, _)| *distance <= 2 && distance * 3 <= length)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name);
    nearest.or_else(|| {
        let mut begun = names
            .iter()
            .filter(|name| length >= 3 && fold(name).starts_with(&typed));
        match (begun.next(), begun.next()) {
            (Some(only), None) => Some(*only),
            _ => None,
        }
    })
}

/// A key that puts Vietnamese words in the order of the Vietnamese alphabet (a ă â b c d đ
/// e ê g h i k l m n o ô ơ p q r s t u ư v x y), the tones only after the letters (a à á ả
/// ã ạ), then case: a list a leader reads by name (communes) is looked through in that
/// order, where byte order put every "Đ…" after "V…" and "Hồng" after "Hưng". A number in a
/// name is read as its value, as a clerk counts the old wards ("Phường 5" before "Phường
/// 10"), where digit by digit put "10" first.
pub fn vietnamese_order(s: &str) -> (Vec<u32>, Vec<u8>, String) {
    let mut letters = Vec::with_capacity(s.len());
    let mut tones = Vec::with_capacity(s.len());
    let lower = s.to_lowercase();
    let mut chars = lower.nfd().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            // A number where its first digit stood among the characters, then how many
            // digits it has without its leading zeros, then those digits: a shorter number
            // is a smaller one. A number written with leading zeros comes after the same
            // number without them.
            let mut digits = vec![c];
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            let value: Vec<u32> = digits
                .iter()
                .skip_while(|d| **d == '0')
                .map(|d| u32::from(*d) - u32::from('0'))
                .collect();
            letters.push(u32::from('0') * 4);
            letters.push(value.len() as u32);
            letters.extend(value);
            tones.extend(std::iter::repeat_n(0, digits.len()));
            continue;
        }
        // The marks that make a letter of the alphabet (ă â ê ô ơ ư) weigh with their
        // letter; the five tone marks only break ties.
        let (shape, tone) = match c {
            '\u{306}' => (1, 0), // breve: ă
            '\u{302}' => (2, 0), // circumflex: â ê ô
            '\u{31b}' => (3, 0), // horn: ơ ư
            '\u{300}' => (0, 1), // huyền
            '\u{301}' => (0, 2), // sắc
            '\u{309}' => (0, 3), // hỏi
            '\u{303}' => (0, 4), // ngã
            '\u{323}' => (0, 5), // nặng
            _ => {
                let base = if c == 'đ' {
                    u32::from('d') * 4 + 1
                } else {
                    u32::from(c) * 4
                };
                letters.push(base);
                tones.push(0);
                continue;
            }
        };
        if let (Some(letter), Some(last)) = (letters.last_mut(), tones.last_mut()) {
            *letter += shape;
            *last += tone;
        }
    }
    (letters, tones, s.to_owned())
}

#[cfg(test)]
fn composed_starter(c: char) -> bool {
    c < '\u{300}' || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

/// `s.chars().all(composed_starter)`, read from the UTF-8 bytes without decoding: the
/// decoding loop was a tenth of a bulk load's reading thread, and a loop that stepped from
/// lead byte to lead byte still a tenth. In UTF-8 every byte below 0xCC is ASCII, a
/// continuation byte or the lead of U+0080..=U+02FF; every byte from 0xCC up leads a
/// character from U+0300 on, of which only E1 B8..=BB (U+1E00..=U+1EFF) are composed
/// starters. (The last byte of a `str` never leads a sequence.) So each byte is judged with
/// the one after it, in blocks without a branch per byte, which the compiler vectorises.
fn only_composed_starters(s: &str) -> bool {
    let bytes = s.as_bytes();
    let Some(last) = bytes.len().checked_sub(1) else {
        return true;
    };
    let passes =
        |lead: u8, next: u8| (lead < 0xcc) | ((lead == 0xe1) & (next.wrapping_sub(0xb8) < 4));
    const BLOCK: usize = 64;
    bytes[..last]
        .chunks(BLOCK)
        .zip(bytes[1..].chunks(BLOCK))
        .all(|(leads, nexts)| {
            leads
                .iter()
                .zip(nexts)
                .fold(true, |all, (&lead, &next)| all & passes(lead, next))
        })
}

/// Folds `s` for search and keyword matching: lowercase, diacritics dropped, `đ` → `d`, runs of
/// whitespace collapsed to one space, ends trimmed.
///
/// `fold("Đường  NGẬP") == "duong ngap"`. NFC and NFD inputs fold to the same string, because
/// the horn of ư/ơ, the breve of ă, the circumflex of â/ê/ô and the five tone marks are all
/// combining marks once decomposed. `đ` has no decomposition, so it is mapped by hand; `ð`
/// (U+00F0, and `Ð` U+00D0) is mapped too, because legacy fonts and encodings typed the
/// look-alike eth for đ.
pub fn fold(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    fold_into(s, &mut folded);
    folded
}

/// [`fold`] of `s`, written at the end of `folded` (one buffer for the words of a text).
pub fn fold_into(s: &str, folded: &mut String) {
    fold_chars(s, |c| {
        folded.push(c);
        true
    });
}

/// Whether [`fold`] of `s` is `folded`, without writing it: compared character by character
/// as the fold is made, and given up at the first that differs, as most words compared with
/// a list's differ at their first letter.
pub fn folds_as(s: &str, folded: &str) -> bool {
    let mut wanted = folded.chars();
    fold_chars(s, |c| wanted.next() == Some(c)) && wanted.next().is_none()
}

/// The first character of [`fold`] of `s`, made alone.
pub fn first_folded(s: &str) -> Option<char> {
    let mut first = None;
    fold_chars(s, |c| {
        first = Some(c);
        false
    });
    first
}

/// Hands each character of [`fold`] of `s` to `take` in order, until `take` returns false;
/// whether it took them all. The one way a fold is made, whether it is written, compared or
/// only begun.
fn fold_chars(s: &str, take: impl FnMut(char) -> bool) -> bool {
    let mut into = FoldInto {
        take,
        wrote: false,
        pending_space: false,
    };
    // `str::to_lowercase` reads one letter by its neighbours, capital sigma (σ inside a word,
    // ς at its end): a text with one is folded the long way, as a whole.
    if has_capital_sigma(s) {
        return fold_whole(s, into);
    }
    for c in s.chars() {
        let pieces = match c {
            ' ' => &[Folded::Space][..],
            c if c.is_ascii_alphanumeric() => {
                if !into.push(Folded::Letter(c.to_ascii_lowercase())) {
                    return false;
                }
                continue;
            }
            c if (c as usize) < FOLD_TABLE_LEN => &FOLD_TABLE[c as usize][..],
            c => {
                let mut taking = true;
                pieces_of(c, |piece| taking = taking && into.push(piece));
                if !taking {
                    return false;
                }
                continue;
            }
        };
        for &piece in pieces {
            if !into.push(piece) {
                return false;
            }
        }
    }
    true
}

/// Whether `s` holds a capital sigma (Σ, U+03A3), without `str::contains`'s search for a
/// two-byte needle: the byte that leads it (0xCE) is in no Vietnamese letter, so a text
/// without one is passed over in one vectorised look. (`str::contains` of the character
/// was an eighth of a validation's CPU.)
fn has_capital_sigma(s: &str) -> bool {
    s.bytes().any(|b| b == 0xce) && s.contains('\u{3a3}')
}

/// A fold being handed on, character by character, to `take`: a space only between two
/// letters, once however many stand there.
struct FoldInto<F> {
    take: F,
    /// Whether a letter was handed on yet.
    wrote: bool,
    pending_space: bool,
}

impl<F: FnMut(char) -> bool> FoldInto<F> {
    /// Hands on what `piece` leaves; false once `take` wants no more.
    fn push(&mut self, piece: Folded) -> bool {
        match piece {
            Folded::Space => {
                self.pending_space = self.wrote;
                true
            }
            Folded::Letter(c) => {
                if std::mem::take(&mut self.pending_space) && !(self.take)(' ') {
                    return false;
                }
                self.wrote = true;
                (self.take)(c)
            }
        }
    }

    /// The piece a character of a lowercased, decomposed text leaves, if any.
    fn push_piece(&mut self, c: char) -> bool {
        folded_piece(c).is_none_or(|piece| self.push(piece))
    }
}

/// What one character leaves in a folded text, once lowercased and decomposed: a letter, or
/// a space that is written only between two letters.
#[derive(Clone, Copy)]
enum Folded {
    Space,
    Letter(char),
}

/// What a character of a lowercased, decomposed text leaves: marks nothing, whitespace a
/// space, đ (and the look-alike ð) a d.
fn folded_piece(c: char) -> Option<Folded> {
    if is_combining_mark(c) {
        return None;
    }
    if c.is_whitespace() {
        return Some(Folded::Space);
    }
    Some(Folded::Letter(match c {
        'đ' | 'ð' => 'd',
        other => other,
    }))
}

/// Hands on what `c` leaves in a folded text on its own: its lowercase decomposed, each
/// character's piece. What [`FOLD_TABLE`] holds for the characters below its length, and
/// how [`fold`] folds the others.
fn pieces_of(c: char, mut emit: impl FnMut(Folded)) {
    for lower in c.to_lowercase() {
        unicode_normalization::char::decompose_canonical(lower, |d| {
            if let Some(piece) = folded_piece(d) {
                emit(piece);
            }
        });
    }
}

/// The characters below this (Latin, the combining marks, Greek, Cyrillic, Latin Extended
/// Additional where Vietnamese's toned vowels are) are folded from [`FOLD_TABLE`]. Folding
/// each letter of a text anew (lowercase, then the decomposition's table search) was most
/// of what `validate` spent telling the clerk what an accepted content gives away.
const FOLD_TABLE_LEN: usize = 0x2000;

/// Each character below [`FOLD_TABLE_LEN`] folded alone, as [`fold`] would fold it: made
/// once, from the same steps, so the two cannot disagree (`fold_table_folds_as_the_whole_text_would`).
static FOLD_TABLE: std::sync::LazyLock<Vec<Box<[Folded]>>> = std::sync::LazyLock::new(|| {
    (0..FOLD_TABLE_LEN as u32)
        .map(|u| {
            let mut pieces = Vec::new();
            if let Some(c) = char::from_u32(u) {
                pieces_of(c, |piece| pieces.push(piece));
            }
            pieces.into_boxed_slice()
        })
        .collect()
});

/// Writes `c` into `buf` at `len`, if there is room.
fn push_char(buf: &mut [u8], len: &mut usize, c: char) -> bool {
    let Some(room) = buf.get_mut(*len..*len + c.len_utf8()) else {
        return false;
    };
    *len += c.encode_utf8(room).len();
    true
}

/// Each character below [`FOLD_TABLE_LEN`] lowercased, where that is one character (all of
/// them but İ): made once from `char::to_lowercase`, whose table search for each letter
/// with a mark was most of what looking a word up in the redaction's lists cost.
static LOWER_TABLE: std::sync::LazyLock<Vec<Option<char>>> = std::sync::LazyLock::new(|| {
    (0..FOLD_TABLE_LEN as u32)
        .map(|u| {
            let c = char::from_u32(u)?;
            let mut lower = c.to_lowercase();
            (lower.len() == 1).then(|| lower.next()).flatten()
        })
        .collect()
});

/// [`fold`] of the whole text at once: lowercased (sigma by its neighbours), decomposed and
/// reordered, then each character's piece.
fn fold_whole(s: &str, mut into: FoldInto<impl FnMut(char) -> bool>) -> bool {
    // Lowercase first: some lowercase mappings (e.g. İ) produce combining marks that must
    // then be dropped like any other diacritic.
    s.to_lowercase().nfd().all(|c| into.push_piece(c))
}

/// `f(&word.to_lowercase())`, with the lowercase written on the stack when it is short, as
/// a word is: the redaction lowercased every word of every text it read to look it up in its
/// lists, and the copies were a tenth of a validation's CPU (where each accepted content is
/// read for the names it makes public).
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    let mut len = 0;
    // Capital sigma lowercases by its neighbours (σ or ς): only `str::to_lowercase` knows.
    if !has_capital_sigma(word) {
        for c in word.chars() {
            let one = match c {
                '\0'..='\u{7f}' => Some(c.to_ascii_lowercase()),
                c if (c as usize) < FOLD_TABLE_LEN => LOWER_TABLE[c as usize],
                _ => None,
            };
            let fits = match one {
                Some(lower) => push_char(&mut buf, &mut len, lower),
                None => c
                    .to_lowercase()
                    .all(|lower| push_char(&mut buf, &mut len, lower)),
            };
            if !fits {
                return f(&word.to_lowercase());
            }
        }
        if let Ok(lower) = std::str::from_utf8(&buf[..len]) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// Whether what an operator typed to filter a list picks the entry whose folded text is
/// `item_folded` (an output of [`fold`]): each word typed, folded, starts a word of the entry,
/// in any order, so a word half-typed already matches ("nuo" and "nuoc" find "Cấp nước",
/// "xay dung" "Sở Xây dựng"). Words are runs of letters and digits; nothing typed matches
/// every entry.
pub fn typed_matches(item_folded: &str, typed: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !is_alphanumeric(c))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let entry = words(item_folded);
    words(&fold(typed))
        .iter()
        .all(|typed| entry.iter().any(|word| word.starts_with(typed.as_str())))
}

/// Whether `needle_folded` occurs in `haystack_folded` as whole word(s).
///
/// Both arguments are expected to be outputs of [`fold`]. A match must start and end at a word
/// boundary: the string's ends or a non-alphanumeric character, so the keyword "ga" (hố ga)
/// matches "ho ga bi vo" but neither "gas" nor "nga tu". A multi-word needle ("den duong")
/// matches the same words in sequence. An empty needle matches nothing, so a blank keyword
/// can never classify every report.
pub fn contains_folded(haystack_folded: &str, needle_folded: &str) -> bool {
    if needle_folded.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(offset) = haystack_folded[from..].find(needle_folded) {
        let start = from + offset;
        let end = start + needle_folded.len();
        let starts_word = haystack_folded[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_alphanumeric(c));
        let ends_word = haystack_folded[end..]
            .chars()
            .next()
            .is_none_or(|c| !is_alphanumeric(c));
        if starts_word && ends_word {
            return true;
        }
        // Step one character, not past the whole match: "ba a a" holds "a a" at its end
        // only, overlapping the rejected match "a a" inside "ba a".
        from = start
            + haystack_folded[start..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    false
}

/// Report numbers as a message lists them: "3, 14, 15".
pub fn ids_listed(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The most report numbers a notice names before it ends its list with "…".
pub const IDS_NAMED: usize = 20;

/// Report numbers as a notice that also gives their count lists them: all of them up to
/// [`IDS_NAMED`], then the first ones and "…". A change of the calendar or of a setting, or
/// an erasure of everything closed before a date, can concern a hundred thousand reports: one
/// line of all their numbers is more than an operator's terminal or a cron mail can show, and
/// each such notice says where the whole list is.
pub fn ids_named(ids: &[i64]) -> String {
    if ids.len() <= IDS_NAMED {
        return ids_listed(ids);
    }
    format!("{}, …", ids_listed(&ids[..IDS_NAMED]))
}

/// Masks a person's name for display (Đ6.5): "Nguyễn Văn A" → "Ng*** V** A",
/// "Phạm Thị Út" → "Ph** T** U".
///
/// The given name shows only its first letter without its marks ("Út" → "U", "Đức" → "D"),
/// case kept, and no stars: it is what a commune knows a person by, and the household-order
/// names common in Cà Mau (Út, Ba, Tư, Sáu, Mười, Bé…) are so short that their first letters
/// and length spelled them ("Ú*" is Út): beside the commune and the address, a leader knew
/// who complained. docs/rules.md §1 (personal data) and §7 (issue 17) promise that nothing
/// open to the roles without identity rights lets anyone recover a name, by any computation;
/// an initial alone fits several given names. Every other word of n letters keeps its first
/// ⌈n/3⌉ letters, without their marks either ("Âu Dương" → "A* Du***": the marks of a rare
/// family or middle name, "Ô**" for Ông, "Ư**" for Ưng, singled a family out in a commune),
/// followed by min(n − kept, 3) asterisks; capping the asterisks at three hides the word's
/// length. The words are joined by single spaces, and
/// nothing else of the name is shown.
///
/// Which word is the given name is read so that nothing written around it brings its
/// letters back ("Phạm Thị Út ." showed "Ph** T** Ú* *"):
/// - characters that print nothing (a zero-width space, a direction mark, a byte-order mark,
///   a soft hyphen: [`prints_nothing`]) are removed first, as if never typed;
/// - text in brackets ("(ông)", "[chủ hộ]") is a note, not the name, and is not shown;
/// - a word is a run of letters (an apostrophe inside it kept, "H'Hen"); anything else — a
///   comma, a dot, a dash, an emoji, a check mark, a bracketed note — ends a part of the
///   name and is not shown, and the last word of EACH part is shown as a given name. A name
///   written "Út, Phạm Thị" or "Phạm Thị Út (ông)" could have its given name at the end of any
///   part, and a bare initial is all any of them shows ("U Ph** T"); a name written as it
///   should be is one part, its last word the given name.
///
/// A word holding a digit shows none of its characters: a citizen who typed the phone into
/// the name field would otherwise give its first digits through this mask and its last two
/// through [`mask_phone`]. Nor does an e-mail address typed there (a word holding `@`): a
/// third of it is most of its local part, and the provider after it is one of a few.
/// Such words one after the other (whatever stands between them) are one `***`: a phone
/// written in groups ("0912 345 678") would show how it was grouped, and how long it is.
/// They end a part too ("Nguyễn Thị Mỹ Phượng 0912345678" → "Ng*** T** M* P ***"). A name
/// of which no word is shown, but that held something, is `***`, so that it is not read as
/// no name. The name is put in NFC first so that a decomposed "Văn" counts three letters,
/// not four, and no stray combining mark leaks out.
pub fn mask_name(name: &str) -> String {
    let visible: String = name.chars().filter(|c| !prints_nothing(*c)).collect();
    let composed = nfc(&visible);
    let pieces = name_pieces(&composed);
    let mut masked = String::with_capacity(composed.len());
    let mut hid = false;
    for (index, piece) in pieces.iter().enumerate() {
        let shown = match piece {
            Piece::Break => continue,
            Piece::Hidden if hid => continue,
            Piece::Hidden => {
                hid = true;
                "***".to_owned()
            }
            Piece::Word(word) => {
                hid = false;
                let given = !matches!(pieces.get(index + 1), Some(Piece::Word(_)));
                if given {
                    initial(word).to_string()
                } else {
                    masked_word(word)
                }
            }
        };
        if !masked.is_empty() {
            masked.push(' ');
        }
        masked.push_str(&shown);
    }
    if masked.is_empty() && !composed.trim().is_empty() {
        masked.push_str("***");
    }
    masked
}

/// What [`mask_name`] reads a name as: its words, the words it shows nothing of, and the
/// places where a part of the name ends.
#[derive(Debug, PartialEq)]
enum Piece {
    Word(String),
    /// A word holding a digit or an `@`: a phone or an e-mail address typed into the name.
    Hidden,
    /// Anything that is no letter, and a bracketed note: the end of a part of the name.
    Break,
}

fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '（' | '［' | '｛')
}

fn closes(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '）' | '］' | '｝')
}

fn apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn name_pieces(name: &str) -> Vec<Piece> {
    // A bracketed note becomes a break (a comma); an unclosed bracket runs to the end.
    let mut unbracketed = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        if opens(c) {
            depth += 1;
            if depth == 1 {
                unbracketed.push(',');
            }
        } else if closes(c) && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            unbracketed.push(c);
        }
    }
    let mut pieces = Vec::new();
    for word in unbracketed.split_whitespace() {
        if word.chars().any(|c| c.is_numeric() || c == '@') {
            pieces.push(Piece::Hidden);
            continue;
        }
        let mut run = String::new();
        let flush = |run: &mut String, pieces: &mut Vec<Piece>| {
            let letters = run.trim_matches(apostrophe);
            if letters.chars().any(is_alphabetic) {
                pieces.push(Piece::Word(letters.to_owned()));
            } else if !run.is_empty() {
                pieces.push(Piece::Break);
            }
            run.clear();
        };
        for c in word.chars() {
            if is_alphabetic(c) || is_combining_mark(c) || apostrophe(c) {
                run.push(c);
            } else {
                flush(&mut run, &mut pieces);
                pieces.push(Piece::Break);
            }
        }
        flush(&mut run, &mut pieces);
    }
    pieces
}

/// A word that is not a given name: its first ⌈n/3⌉ letters without their marks, then up
/// to three stars.
fn masked_word(word: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| !is_combining_mark(*c)).collect();
    let length = letters.len();
    let kept = length.div_ceil(3);
    letters[..kept]
        .iter()
        .map(|c| bare(*c))
        .chain(std::iter::repeat_n('*', (length - kept).min(3)))
        .collect()
}

/// The first letter of `word` without its marks, case kept ("Út" → 'U', "đức" → 'd'): a
/// mark would tell "Ú" (Út) from "U" (Uyên) again. A word without a letter is `*`.
fn initial(word: &str) -> char {
    word.chars().find(|c| is_alphabetic(*c)).map_or('*', bare)
}

/// `letter` without its marks, case kept, "Đ" as "D".
fn bare(letter: char) -> char {
    match letter {
        'đ' | 'ð' => 'd',
        'Đ' | 'Ð' => 'D',
        _ => std::iter::once(letter)
            .nfd()
            .find(|c| !is_combining_mark(*c))
            .unwrap_or('*'),
    }
}

/// Masks a phone number for display (Đ6.5): "0912345678" → "09******78".
///
/// A phone number keeps its first two and last two characters, the rest starred, so the
/// operator can still tell two numbers apart on the phone: at least six digits stay hidden,
/// as in every number the check accepts (10 digits, 11 for a landline). Anything else in the
/// phone column is `***` whole: its ends were most of what it held (four of the seven digits
/// of a landline typed without its area code, "38***34") or the given name of a name typed
/// there ("Lê*****Ba", the columns swapped), and its length the name's; docs/rules.md §1
/// (personal data) and §7 (issue 17) promise that no computation recovers either. An empty
/// phone stays empty.
pub fn mask_phone(phone: &str) -> String {
    const KEPT: usize = 2;
    const HIDDEN_DIGITS: usize = 6;
    if phone.is_empty() {
        return String::new();
    }
    let chars: Vec<char> = phone.chars().collect();
    let separator = |c: &char| c.is_whitespace() || matches!(c, '.' | '-' | '+' | '(' | ')');
    let number = chars.iter().all(|c| c.is_ascii_digit() || separator(c));
    let hidden_digits = chars.len() > 2 * KEPT
        && chars[KEPT..chars.len() - KEPT]
            .iter()
            .filter(|c| c.is_ascii_digit())
            .count()
            >= HIDDEN_DIGITS;
    if !(number && hidden_digits) {
        return "***".to_owned();
    }
    let length = chars.len();
    chars
        .into_iter()
        .enumerate()
        .map(|(index, c)| {
            if index < KEPT || index >= length - KEPT {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// Each of `words` followed by the gap of the same place, for tests that write texts from
/// generated words and the characters between them.
#[cfg(test)]
pub(crate) fn interleaved(words: &[String], gaps: &[String]) -> String {
    words
        .iter()
        .zip(gaps)
        .map(|(word, gap)| format!("{word}{gap}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_length_is_counted_as_stored_in_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let composed = "Nguyễn Thị Hường ".repeat(10);
        let decomposed: String = composed.nfd().collect();
        let limit = composed.chars().count();
        assert!(decomposed.chars().count() > limit);
        assert!(!longer_than_stored(&composed, limit));
        assert!(!longer_than_stored(&decomposed, limit));
        assert!(longer_than_stored(&composed, limit - 1));
        assert!(longer_than_stored(&decomposed, limit - 1));
        // Past four times the limit, refused without normalising.
        assert!(longer_than_stored(&"a".repeat(41), 10));
    }

    #[test]
    fn a_notice_names_twenty_numbers_and_ends_a_longer_list() {
        let few: Vec<i64> = (1..=20).collect();
        assert_eq!(ids_named(&few), ids_listed(&few));
        let many: Vec<i64> = (1..=109_169).collect();
        let named = ids_named(&many);
        assert_eq!(named, format!("{}, …", ids_listed(&many[..20])));
        assert!(named.ends_with("19, 20, …"), "{named}");
        assert!(ids_named(&[]).is_empty());
    }

    /// The Vietnamese alphabet, its letters' tones, then case; spaces before letters, so a
    /// shorter name comes before a longer one it begins.
    #[test]
    fn vietnamese_order_is_the_alphabet_then_the_tones_then_case() {
        let alphabet = [
            "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o",
            "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
        ];
        let tones = ["a", "à", "á", "ả", "ã", "ạ"];
        let names = [
            "Xã Cái Đôi Vàm",
            "Xã Cái Nước",
            "Xã Đá Bạc",
            "Xã Đầm Dơi",
            "Xã Đất Mới",
            "Xã Đất Mũi",
            "Xã Hòa Bình",
            "Xã Hồ Thị Kỷ",
            "Xã Hồng Dân",
            "Xã Hưng Mỹ",
            "Xã Năm Căn",
            "Xã Ninh Thạnh Lợi",
            "Xã Tạ An Khương",
            "Xã Tam Giang",
            "Xã Tân Hưng",
        ];
        for list in [&alphabet[..], &tones[..], &names[..]] {
            let mut sorted = list.to_vec();
            sorted.reverse();
            sorted.sort_by_key(|s| vietnamese_order(s));
            assert_eq!(sorted, list);
        }
        // Decomposed (NFD) text, as old phones send it, sorts as composed; case only breaks
        // a tie.
        let decomposed: String = "Xã Đầm Dơi".nfd().collect();
        assert_eq!(
            vietnamese_order(&decomposed).0,
            vietnamese_order("Xã Đầm Dơi").0
        );
        assert!(vietnamese_order("Đá") < vietnamese_order("đá"));
        // Numbers by their value, before letters as digits were.
        let mut wards = vec![
            "Phường An Xuyên",
            "Phường 10",
            "Phường 5",
            "Phường 1",
            "Phường 05",
            "Phường 2A",
            "Phường 100",
        ];
        wards.sort_by_cached_key(|w| vietnamese_order(w));
        assert_eq!(
            wards,
            [
                "Phường 1",
                "Phường 2A",
                "Phường 5",
                "Phường 05",
                "Phường 10",
                "Phường 100",
                "Phường An Xuyên",
            ]
        );
        assert!(vietnamese_order("đá") < vietnamese_order("Đe"));
    }

    /// The short ways answer as the standard library does, for every character there is.
    #[test]
    fn letter_tests_agree_with_the_standard_library_on_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("confidental", "confidential"), 1);
        assert_eq!(edit_distance("reporter_phon", "reporter_phone"), 1);
        assert_eq!(edit_distance("urgnet", "urgent"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("media", "media"), 0);
    }

    /// `list --status asigned` listed the statuses without saying which
    /// one was meant.
    #[test]
    fn closest_names_the_status_a_typo_misspells() {
        let statuses = [
            "received",
            "rejected",
            "accepted",
            "assigned",
            "returned",
            "replied",
            "verified",
            "published",
            "closed_private",
            "duplicate",
        ];
        for (typed, meant) in [
            ("asigned", "assigned"),
            ("assinged", "assigned"),
            ("ASSIGNED ", "assigned"),
            ("recieved", "received"),
            ("replyed", "replied"),
            ("publised", "published"),
            ("closed-private", "closed_private"),
            ("closed", "closed_private"),
            ("dup", "duplicate"),
        ] {
            assert_eq!(closest(typed, &statuses), Some(meant), "{typed}");
        }
        // Nothing near enough, a prefix of several, or a name itself: no guess.
        for typed in ["open", "ok", "re", "xyz", "assigned"] {
            assert_eq!(closest(typed, &statuses), None, "{typed}");
        }
    }
    use proptest::prelude::*;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let decomposed = nfd("Đường Nguyễn Trãi ngập nước");
        assert_ne!(decomposed, "Đường Nguyễn Trãi ngập nước");
        assert_eq!(nfc(&decomposed), "Đường Nguyễn Trãi ngập nước");
    }

    /// The shortcut in `nfc_cow` holds only if each of these characters passes the quick
    /// check on its own and has combining class 0, so that no neighbour changes its form.
    #[test]
    fn composed_starters_are_nfc_whatever_their_neighbours() {
        use unicode_normalization::char::canonical_combining_class;
        let starters = ('\0'..='\u{10ffff}').filter(|&c| composed_starter(c));
        let mut count = 0;
        for c in starters {
            count += 1;
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert_eq!(count, 0x300 + 0x100);
    }

    #[test]
    fn every_character_is_judged_by_its_bytes_as_by_itself() {
        let mut text = String::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            text.clear();
            text.extend([c, 'ạ', c]);
            assert_eq!(only_composed_starters(&text), composed_starter(c), "{c:?}");
        }
    }

    proptest! {
        #[test]
        fn lead_bytes_tell_composed_starters_as_characters_do(s in "\\PC{0,40}|[a-zà-ɏḀ-ỿ\u{2ff}-\u{301}\u{1dff}\u{1f00}]{0,80}") {
            prop_assert_eq!(only_composed_starters(&s), s.chars().all(composed_starter));
        }

        #[test]
        fn nfc_cow_is_the_full_normalisation(s in "[a-zA-Z đĐàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ\u{300}-\u{36f}\u{1100}-\u{1175}\u{ac00}-\u{ac10}]{0,24}") {
            let full: String = s.nfc().collect();
            let decomposed = nfd(&s);
            prop_assert_eq!(nfc_cow(&s).into_owned(), full.clone());
            prop_assert_eq!(nfc_cow(&decomposed).into_owned(), full);
        }
    }

    /// Word's manual line break, a page break, NEL and the Unicode separators were removed
    /// or shown as a space, gluing the words either side of them.
    #[test]
    fn every_kind_of_line_break_is_shown_and_recorded_as_one() {
        let pasted = "Kết quả kiểm tra:\u{b}Đã lập biên bản 05 hộ.\u{c}Trang 2:\u{2028}Đã tháo dỡ.\u{2029}Hết\u{85}.";
        let lines = "Kết quả kiểm tra:\nĐã lập biên bản 05 hộ.\nTrang 2:\nĐã tháo dỡ.\nHết\n.";
        assert_eq!(printable(pasted), lines);
        assert_eq!(written(pasted), lines);
        assert_eq!(line_breaks("a\r\nb\rc\n\nd"), "a\nb\nc\n\nd");
        assert_eq!(printable("a\r\nb\rc"), "a\nb\nc");
        assert!(matches!(
            line_breaks("dòng 1\ndòng 2"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest! {
        /// However lines are broken, each break is one LF, and nothing but the breaks changes.
        #[test]
        fn each_line_break_becomes_one_lf(
            // Vietnamese letters named one by one: a range à-ỹ also spans Arabic, Hebrew
            // and the format characters `printable` rightly drops (U+061C), which are no
            // line's text.
            lines in prop::collection::vec("[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ .:]{1,8}", 1..6),
            breaks in prop::collection::vec(prop::sample::select(vec!["\n", "\r\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}"]), 5),
        ) {
            let mut pasted = String::new();
            for (at, line) in lines.iter().enumerate() {
                if at > 0 {
                    pasted.push_str(breaks[at - 1]);
                }
                pasted.push_str(line);
            }
            let shown = printable(&pasted).into_owned();
            prop_assert_eq!(&shown, &lines.join("\n"));
            prop_assert_eq!(written(&pasted), nfc(&shown));
        }
    }

    #[test]
    fn nfc_keeps_composed_text_and_empty() {
        assert_eq!(nfc("Phường Tân Thành"), "Phường Tân Thành");
        assert_eq!(nfc(""), "");
    }

    #[test]
    fn fold_spec_example() {
        assert_eq!(fold("Đường  NGẬP"), "duong ngap");
    }

    #[test]
    fn fold_handles_every_vietnamese_vowel_modifier() {
        assert_eq!(fold("ư ơ ă â ê ô đ"), "u o a a e o d");
        assert_eq!(fold("Ư Ơ Ă Â Ê Ô Đ"), "u o a a e o d");
        assert_eq!(fold("người ướt sướng"), "nguoi uot suong");
        assert_eq!(fold("ự ỡ ặ ậ ệ ộ"), "u o a a e o");
    }

    #[test]
    fn fold_handles_all_five_tones() {
        assert_eq!(fold("ma mà má mả mã mạ"), "ma ma ma ma ma ma");
        assert_eq!(fold("Ý Ỳ Ỷ Ỹ Ỵ"), "y y y y y");
    }

    #[test]
    fn fold_nfd_and_nfc_agree() {
        let text = "Cống thoát nước ở khóm 3, phường Tân Xuyên bị tắc";
        assert_eq!(fold(text), fold(&nfd(text)));
        assert_eq!(
            fold(text),
            "cong thoat nuoc o khom 3, phuong tan xuyen bi tac"
        );
    }

    #[test]
    fn fold_collapses_and_trims_all_whitespace() {
        assert_eq!(fold("  \tđèn \n\n đường\u{a0} hư  "), "den duong hu");
        assert_eq!(fold("   "), "");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fold_maps_legacy_eth_to_d() {
        assert_eq!(fold("Ðường ðèn"), "duong den");
    }

    #[test]
    fn fold_keeps_digits_and_punctuation() {
        assert_eq!(fold("QL1A, Km 2.5 (P.5)"), "ql1a, km 2.5 (p.5)");
    }

    #[test]
    fn contains_folded_matches_whole_words() {
        assert!(contains_folded("ho ga bi vo", "ga"));
        assert!(contains_folded("ga", "ga"));
        assert!(contains_folded("mat nap ga.", "ga"));
        assert!(!contains_folded("ro ri gas", "ga"));
        assert!(!contains_folded("nga tu", "ga"));
        assert!(!contains_folded("ngap", "nga"));
    }

    #[test]
    fn contains_folded_matches_phrases_at_boundaries() {
        let haystack = fold("Đèn đường trước nhà bị hư");
        assert!(contains_folded(&haystack, "den duong"));
        assert!(contains_folded(&haystack, "bi hu"));
        assert!(!contains_folded(&haystack, "duong truoc nh"));
        assert!(!contains_folded(&haystack, "en duong"));
    }

    #[test]
    fn contains_folded_finds_a_match_overlapping_a_rejected_one() {
        assert!(contains_folded("ba a a", "a a"));
        assert!(contains_folded("gaga ga", "ga"));
    }

    #[test]
    fn contains_folded_treats_digits_as_word_characters() {
        assert!(!contains_folded("ql1a", "ql"));
        assert!(contains_folded("ql 1a", "ql"));
    }

    #[test]
    fn contains_folded_empty_needle_matches_nothing() {
        assert!(!contains_folded("duong", ""));
        assert!(!contains_folded("", ""));
        assert!(!contains_folded("", "duong"));
    }

    #[test]
    fn contains_folded_is_safe_on_multibyte_haystacks() {
        assert!(contains_folded("路灯 ga 坏", "ga"));
        assert!(!contains_folded("路灯ga坏", "ga"));
    }

    #[test]
    fn mask_name_spec_example() {
        assert_eq!(mask_name("Nguyễn Văn A"), "Ng*** V** A");
    }

    #[test]
    fn mask_name_word_lengths() {
        // A word before the given name: a third of it, then at most three stars.
        let before = |word: &str| mask_name(&format!("{word} A"));
        assert_eq!(before("A"), "A A");
        assert_eq!(before("An"), "A* A");
        assert_eq!(before("Anh"), "A** A");
        assert_eq!(before("Minh"), "Mi** A");
        assert_eq!(before("Thanh"), "Th*** A");
        assert_eq!(before("Nguyễn"), "Ng*** A");
        assert_eq!(before("Phương"), "Ph*** A");
        assert_eq!(before("Abcdefghi"), "Abc*** A");
        assert_eq!(before("Abcdefghij"), "Abcd*** A");
    }

    /// The given name shows its first letter alone, without marks: "Ú*" was Út, "Mư**"
    /// Mười, "B*" Ba, each beside the commune a leader reads.
    #[test]
    fn mask_name_shows_only_the_bare_initial_of_the_given_name() {
        assert_eq!(mask_name("Phạm Thị Út"), "Ph** T** U");
        assert_eq!(mask_name("Ngô Thị Mười"), "N** T** M");
        assert_eq!(mask_name("Lê Văn Ba"), "L* V** B");
        assert_eq!(mask_name("Trần Văn Tư"), "Tr** V** T");
        assert_eq!(mask_name("Nguyễn Văn Sáu"), "Ng*** V** S");
        assert_eq!(mask_name("Võ Thị Bảy"), "V* T** B");
        assert_eq!(mask_name("Huỳnh Văn Năm"), "Hu*** V** N");
        assert_eq!(mask_name("Lý Văn Chín"), "L* V** C");
        assert_eq!(mask_name("Đỗ Thị Bé"), "D* T** B");
        assert_eq!(mask_name("Phan Văn Đức"), "Ph** V** D");
        assert_eq!(mask_name("Bùi Thị Ấn"), "B** T** A");
        assert_eq!(mask_name("Lê Thị Ưng"), "L* T** U");
        // Case is kept, the marks are not.
        assert_eq!(mask_name("PHẠM THỊ ÚT"), "PH** T** U");
        assert_eq!(mask_name("phạm thị út"), "ph** t** u");
        assert_eq!(mask_name("lê văn đức"), "l* v** d");
        // A one-word name is its given name, whatever its length.
        assert_eq!(mask_name("Út"), "U");
        assert_eq!(mask_name("Mười"), "M");
        assert_eq!(mask_name("Nguyễn"), "N");
        // Every given name of a letter reads the same: their number is the one guard.
        for given in ["Út", "Uyên", "Uy", "Ưng", "Ửng"] {
            assert_eq!(mask_name(&format!("Phạm Thị {given}")), "Ph** T** U");
        }
        // A bracketed note and a word without a letter are not shown: the word before them
        // is the given name.
        assert_eq!(mask_name("Lê Văn (Út)"), "L* V");
        assert_eq!(mask_name("Lê Văn -"), "L* V");
    }

    /// Whatever follows the given name, it shows no more than its bare initial: a trailing
    /// word without a letter, a bracketed title, an invisible character after a space, or the
    /// given name written first before a comma each made it an ordinary word, "Ú*" (Út).
    #[test]
    fn mask_name_shows_only_the_bare_initial_of_the_given_name_however_decorated() {
        for tail in [
            ".",
            "-",
            "…",
            "🙂",
            "✓",
            "_",
            "(ông)",
            "(bà)",
            "[chủ hộ]",
            "（ông）",
            "!!",
            "- .",
        ] {
            assert_eq!(
                mask_name(&format!("Phạm Thị Út {tail}")),
                "Ph** T** U",
                "{tail:?}"
            );
        }
        for invisible in ['\u{200B}', '\u{200E}', '\u{FEFF}', '\u{00AD}', '\u{2060}'] {
            assert_eq!(
                mask_name(&format!("Phạm Thị Út {invisible}")),
                "Ph** T** U",
                "{invisible:?}"
            );
            // Inside a word, one counts for nothing either.
            assert_eq!(mask_name(&format!("Phạm Thị Ú{invisible}t")), "Ph** T** U");
            assert_eq!(mask_name(&format!("{invisible}Út, Phạm Thị")), "U Ph** T");
        }
        assert_eq!(mask_name("Nguyễn Văn Ba (ông)"), "Ng*** V** B");
        assert_eq!(mask_name("Nguyễn Văn Ba(ông)"), "Ng*** V** B");
        assert_eq!(mask_name("Nguyễn Văn Ba (ông"), "Ng*** V** B");
        assert_eq!(mask_name("Lê Văn Ba -"), "L* V** B");
        assert_eq!(mask_name("Phạm Thị Út . 🙂"), "Ph** T** U");
        // Written given name first, or cut by any mark: the last word of each part is shown
        // as a given name, for it could be one.
        assert_eq!(mask_name("Út, Phạm Thị"), "U Ph** T");
        assert_eq!(mask_name("Út,Phạm Thị"), "U Ph** T");
        assert_eq!(mask_name("Út - Phạm Thị"), "U Ph** T");
        assert_eq!(mask_name("Út; Phạm Thị"), "U Ph** T");
        assert_eq!(mask_name("Út / Phạm Thị"), "U Ph** T");
        assert_eq!(mask_name("Mười (Phạm Văn)"), "M");
        // A word with an apostrophe inside is one word (Ê Đê names).
        assert_eq!(mask_name("H'Hen Niê"), "H'*** N");
        // Nothing shown of a name that held something is `***`, not an empty name.
        assert_eq!(mask_name("."), "***");
        assert_eq!(mask_name("(ông)"), "***");
        assert_eq!(mask_name("\u{200B}"), "");
    }

    /// The family and middle names keep their first letters but not their marks: a rare
    /// one's marks ("Â* Dư***" Âu Dương, "Ô**" Ông, "Ư**" Ưng) named a family of the commune.
    #[test]
    fn mask_name_shows_no_mark_of_any_word() {
        assert_eq!(mask_name("Âu Dương Thị Út"), "A* Du*** T** U");
        assert_eq!(mask_name("Ông Văn Ba"), "O** V** B");
        assert_eq!(mask_name("Ôn Thị Mười"), "O* T** M");
        assert_eq!(mask_name("Ưng Hoàng Phúc"), "U** Ho*** P");
        assert_eq!(mask_name("Tôn Nữ Thu Hà"), "T** N* T** H");
        assert_eq!(mask_name("Khúc Thừa Dụ"), "Kh** Th** D");
        assert_eq!(mask_name("Đặng Đình Đức"), "Da** Di** D");
        assert_eq!(mask_name("ĐẶNG THỊ ÚT"), "DA** T** U");
        assert_eq!(mask_name("Nguyễn Văn A"), "Ng*** V** A");
        // Whatever the word, no letter shown carries a mark, and Đ is D.
        for name in ["Ưởng Ườm Ượt", "Ẫn Ậu Ệch", "Ờn Ợi Ỳ", "Đđđđđđ Ẩ"]
        {
            let masked = mask_name(name);
            assert!(
                masked
                    .chars()
                    .all(|c| c == ' ' || c == '*' || c.is_ascii_alphabetic()),
                "{name}: {masked}"
            );
        }
    }

    #[test]
    fn mask_name_counts_characters_not_bytes_even_when_decomposed() {
        assert_eq!(mask_name("Lê Thị Ánh"), "L* T** A");
        assert_eq!(mask_name(&nfd("Lê Thị Ánh")), "L* T** A");
        assert_eq!(mask_name("Ánh Lê Thị"), "A** L* T");
        assert_eq!(mask_name(&nfd("Ánh Lê Thị")), "A** L* T");
        assert_eq!(mask_name(&nfd("Phạm Thị Út")), "Ph** T** U");
        assert_eq!(mask_name(&nfd("Nguyễn Văn A")), "Ng*** V** A");
    }

    #[test]
    fn mask_name_normalises_spacing_and_empty() {
        assert_eq!(mask_name("  Trần   Thị\tB  "), "Tr** T** B");
        assert_eq!(mask_name(""), "");
        assert_eq!(mask_name("   "), "");
    }

    #[test]
    fn mask_name_shows_no_digit_of_a_phone_typed_into_the_name() {
        assert_eq!(
            mask_name("Nguyễn Thị Mỹ Phượng, 0912345678"),
            "Ng*** T** M* P ***"
        );
        assert_eq!(mask_name("Lan0912345678"), "***");
        // How many groups the number was written in is not told.
        assert_eq!(mask_name("0912 345 678"), "***");
        // The given name is the last word before the number.
        assert_eq!(
            mask_name("Nguyễn Thị Mỹ Phượng 0912 345 678"),
            "Ng*** T** M* P ***"
        );
        assert_eq!(
            mask_name("Nguyễn Thị Mỹ Phượng 0912345678"),
            "Ng*** T** M* P ***"
        );
        assert_eq!(mask_name("Bình 2 (binh@x.vn) 09"), "B ***");
    }

    /// The app accepts an e-mail address typed into the name field: a third of it,
    /// "binh.ng***", gave most of its local part, and the provider is one of a few.
    #[test]
    fn mask_name_shows_nothing_of_an_email_typed_into_the_name() {
        assert_eq!(mask_name("binh.nguyen@gmail.com"), "***");
        // In brackets, it is a note, not shown at all.
        assert_eq!(mask_name("Bình (binh.nguyen@gmail.com)"), "B");
        assert_eq!(mask_name("Bình, binh.nguyen@gmail.com"), "B ***");
    }

    #[test]
    fn mask_phone_spec_example() {
        assert_eq!(mask_phone("0912345678"), "09******78");
        assert_eq!(mask_phone("02903123456"), "02*******56");
    }

    #[test]
    fn mask_phone_spec_example_written_with_separators() {
        assert_eq!(mask_phone("0912.345.678"), "09********78");
        assert_eq!(mask_phone("+84912345678"), "+8********78");
    }

    /// Fewer than six digits between the ends: the ends are most of the number, and a
    /// short one is no phone the check accepts.
    #[test]
    fn mask_phone_shows_nothing_of_a_short_number() {
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_phone("1"), "***");
        assert_eq!(mask_phone("1234"), "***");
        assert_eq!(mask_phone("12345"), "***");
        assert_eq!(mask_phone("3831234"), "***");
        assert_eq!(mask_phone("912345678"), "***");
        assert_eq!(mask_phone("0912 345 67"), "***");
    }

    /// A name, a note or an Excel number in the phone column: its ends gave the given name
    /// ("Lê*****Ba") and its length the name's.
    #[test]
    fn mask_phone_shows_nothing_of_what_is_no_number() {
        assert_eq!(mask_phone("Lê Văn Ba"), "***");
        assert_eq!(mask_phone("Phạm Thị Út"), "***");
        assert_eq!(mask_phone("0912345678 (Zalo)"), "***");
        assert_eq!(mask_phone("9.12E+08"), "***");
        assert_eq!(mask_phone("số điện"), "***");
    }

    #[test]
    fn typing_without_marks_or_capitals_filters_as_search_matches() {
        let water = fold("CN — Cấp nước");
        let building = fold("SXD — Sở Xây dựng tỉnh Cà Mau");
        let power = fold("PCCM — Công ty Điện lực Cà Mau");
        for typed in ["nuoc", "NƯỚC", "cap nuoc", "Cấp", "nuo", "cn", "  nuoc  "] {
            assert!(typed_matches(&water, typed), "{typed}");
        }
        for typed in ["xay dung", "Xây dựng", "sxd", "dung xay", "XAY"] {
            assert!(typed_matches(&building, typed), "{typed}");
        }
        assert!(typed_matches(&power, "Điện lực"));
        assert!(typed_matches(&power, "dien luc"));
        assert!(typed_matches(&power, ""));
        // A word must start a word of the entry: "uoc" is inside "nuoc", not its start.
        assert!(!typed_matches(&water, "uoc"));
        assert!(!typed_matches(&water, "nuoc dien"));
        assert!(!typed_matches(&building, "nuoc"));
    }

    /// [`fold`] the long way, of the whole text.
    fn reference_fold(s: &str) -> String {
        let mut folded = String::new();
        fold_whole(
            s,
            FoldInto {
                take: |c| {
                    folded.push(c);
                    true
                },
                wrote: false,
                pending_space: false,
            },
        );
        folded
    }

    proptest! {
        /// Comparing a fold as it is made, or making only its first character, answers as
        /// the fold written whole: against the fold itself, each of its prefixes, and it with
        /// a character more or changed, of texts with marks, spaces at either end and
        /// between, capitals, đ, and the capital sigma that sends a text the long way.
        #[test]
        fn a_fold_compared_or_begun_answers_as_the_fold_written(
            text in "([ aăâbdđeêgiklmnoôơuưyAĂÂĐÊÔƠƯ\u{300}\u{301}\u{303}\u{309}\u{323}ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹΣσİ\u{a0}\t0-9]|\\PC){0,12}",
            cut in 0usize..16,
            extra in "[ adđσ]",
        ) {
            let folded = fold(&text);
            prop_assert!(folds_as(&text, &folded));
            prop_assert_eq!(first_folded(&text), folded.chars().next());
            let chars: Vec<char> = folded.chars().collect();
            let prefix: String = chars[..cut.min(chars.len())].iter().collect();
            prop_assert_eq!(folds_as(&text, &prefix), prefix == folded);
            let longer = format!("{folded}{extra}");
            prop_assert!(!folds_as(&text, &longer));
            if let Some(last) = chars.last() {
                let changed = format!("{}{}", &prefix, if *last == 'a' { 'b' } else { 'a' });
                prop_assert_eq!(folds_as(&text, &changed), changed == folded);
            }
        }
    }

    /// Folding a letter from the table is folding it as part of the whole text: every
    /// character there is, alone and between two letters.
    #[test]
    fn fold_table_folds_as_the_whole_text_would() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(fold(&alone), reference_fold(&alone), "{:?}", c);
        }
        for c in (0..FOLD_TABLE_LEN as u32).filter_map(char::from_u32) {
            let between = format!("Ạ{c} x{c}{c}");
            assert_eq!(fold(&between), reference_fold(&between), "{:?}", c);
        }
    }

    /// The traits the word readers look up are what each function says, for every
    /// character there is (in the table and above it).
    #[test]
    fn char_traits_are_what_each_function_says() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let traits = CharTraits::of(c);
            assert_eq!(traits.alphanumeric(), c.is_alphanumeric(), "{c:?}");
            assert_eq!(traits.mark(), is_combining_mark(c), "{c:?}");
            assert_eq!(traits.prints_nothing(), prints_nothing(c), "{c:?}");
            assert_eq!(traits.uppercase(), c.is_uppercase(), "{c:?}");
            assert_eq!(traits.lowercase(), c.is_lowercase(), "{c:?}");
            assert_eq!(traits.whitespace(), c.is_whitespace(), "{c:?}");
        }
    }

    /// Lowercasing from the table is lowercasing: every character there is.
    #[test]
    fn with_lowercase_of_every_character_is_its_lowercase() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let word = format!("{c}Ư{c}");
            assert_eq!(
                with_lowercase(&word, str::to_owned),
                word.to_lowercase(),
                "{:?}",
                c
            );
        }
    }

    /// The one step a character-by-character fold skips, the decomposition's reordering of
    /// marks, moves only characters the fold drops anyway.
    #[test]
    fn every_character_the_decomposition_reorders_is_a_mark_the_fold_drops() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "{:?}", c);
            }
        }
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_and_form_independent(s in "\\PC*") {
            let once = fold(&s);
            prop_assert_eq!(&fold(&once), &once);
            prop_assert_eq!(fold(&nfd(&s)), fold(&nfc(&s)));
        }

        #[test]
        fn fold_letter_by_letter_is_fold_of_the_whole_text(
            s in "([aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐ\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31b} \t\u{a0}\u{3000}ΣσİĲﬁẞ.,-]|\\PC){0,40}"
        ) {
            prop_assert_eq!(fold(&s), reference_fold(&s));
        }

        #[test]
        fn with_lowercase_hands_on_the_lowercase(s in "([ĐẶÂƯΣİẞA-Z\u{300}]|\\PC){0,70}") {
            prop_assert_eq!(with_lowercase(&s, str::to_owned), s.to_lowercase());
        }

        #[test]
        fn fold_has_no_uppercase_marks_or_edge_spaces(s in "\\PC*") {
            let folded = fold(&s);
            prop_assert!(!folded.starts_with(' ') && !folded.ends_with(' '));
            prop_assert!(!folded.contains("  "));
            prop_assert!(!folded.chars().any(is_combining_mark));
        }

        #[test]
        fn a_word_is_always_found_in_a_sentence_built_around_it(
            before in "[a-z ]{0,12}", word in "[a-z]{1,6}", after in "[a-z ]{0,12}"
        ) {
            let haystack = fold(&format!("{before} {word} {after}"));
            prop_assert!(contains_folded(&haystack, &word));
        }

        #[test]
        fn a_word_begun_in_any_case_and_without_marks_picks_its_entry(
            words in prop::collection::vec("[a-zA-Z đĐàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựýỳ]{1,8}", 1..5),
            which in any::<prop::sample::Index>(),
            upper in any::<bool>(),
            cut in 1usize..8,
        ) {
            let entry = words.join(" — ");
            let word = fold(which.get::<String>(&words));
            prop_assume!(!word.is_empty());
            let begun: String = word.chars().take(cut).collect();
            let typed = if upper { begun.to_uppercase() } else { begun };
            prop_assert!(typed_matches(&fold(&entry), &typed), "{typed:?} in {entry:?}");
            // The entry as written, marks and capitals and all, matches itself.
            prop_assert!(typed_matches(&fold(&entry), &entry));
        }

        #[test]
        fn masking_never_panics_and_hides_six_digits_of_a_phone(s in "\\PC*") {
            prop_assert!(!mask_name(&s).chars().any(char::is_numeric), "{:?}", mask_name(&s));
            let masked = mask_phone(&s);
            if masked != "***" && !s.is_empty() {
                prop_assert_eq!(masked.chars().count(), s.chars().count());
                prop_assert!(masked.chars().filter(|c| *c != '*').count() <= 4, "{:?}", masked);
                let hidden = s
                    .chars()
                    .zip(masked.chars())
                    .filter(|(c, m)| *m == '*' && c.is_ascii_digit())
                    .count();
                prop_assert!(hidden >= 6, "{:?}", masked);
            }
        }

        #[test]
        fn a_number_of_ten_digits_or_more_keeps_its_ends(digits in "[0-9]{10,12}") {
            let masked = mask_phone(&digits);
            let length = digits.len();
            prop_assert_eq!(&masked[..2], &digits[..2]);
            prop_assert_eq!(&masked[length - 2..], &digits[length - 2..]);
            prop_assert_eq!(masked.matches('*').count(), length - 4);
        }
    }
}
