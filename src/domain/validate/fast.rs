//! Speed tricks of the language heuristic: a per-thread memo of word verdicts keyed by short
//! integers, one-match character classes, and the tally that counts a text in a single pass.
//!
//! A bulk load asks the heuristic about millions of words, and the plain forms showed up as
//! large shares of its reading thread (the comments give the measurements). Owns how fast
//! the verdicts come, never what they are: each trick must answer exactly as the plain form
//! it replaces (in `words`, or kept as a reference in this module's tests), and must not
//! touch the heuristic's rules, word lists or thresholds. The tests here pin that
//! equivalence.

use super::fnv::Fnv;
use super::words::{WordVerdict, begins_www, is_latin, is_latin_or_mark, is_link};
use unicode_normalization::char::is_combining_mark;

/// What `assess_language` counts in a text before it turns counts into shares.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tally {
    pub(super) latin_letters: usize,
    pub(super) foreign_letters: usize,
    pub(super) words: usize,
    pub(super) abbreviations: usize,
    pub(super) syllables: usize,
    pub(super) marked: usize,
    pub(super) common: usize,
    pub(super) marked_or_common: usize,
}

impl Tally {
    /// One pass over the text's characters, cutting chunks at whitespace, counting letters
    /// and cutting tokens at once: the language check is the larger part of a bulk load's
    /// reading thread, and walking each token again for digits and script showed, as did
    /// cutting the chunks first and looking in each for a link's signs (`split_whitespace`
    /// and `is_link`, a tenth of a validation's judging thread). A chunk is counted into its
    /// own tally, added to the text's only once it ends and is no link.
    pub(super) fn of(text: &str) -> Tally {
        MEMO.with_borrow_mut(|memo| {
            let mut tally = Tally::default();
            let mut chunk = Chunk::default();
            // The token being read: where it starts, whether it holds a digit, and
            // whether it is all Latin letters and marks.
            let mut token: Option<(usize, bool, bool)> = None;
            for (at, c) in text.char_indices() {
                let class = CharClass::of(c);
                // A space is never part of a token: it ends the token, then the chunk.
                if class.in_token {
                    let (_, digits, latin) = token.get_or_insert((at, false, true));
                    *digits |= class.number;
                    *latin &= class.latin_or_mark;
                } else if let Some((start, digits, latin)) = token.take() {
                    chunk.tally.add_token(memo, &text[start..at], digits, latin);
                }
                if class.space {
                    tally.add_chunk(text, std::mem::take(&mut chunk), at);
                    continue;
                }
                chunk.start.get_or_insert(at);
                chunk.colon_or_at |= matches!(c, ':' | '@');
                if class.letter {
                    if class.latin {
                        chunk.tally.latin_letters += 1;
                    } else {
                        chunk.tally.foreign_letters += 1;
                    }
                }
            }
            if let Some((start, digits, latin)) = token {
                chunk.tally.add_token(memo, &text[start..], digits, latin);
            }
            tally.add_chunk(text, chunk, text.len());
            tally
        })
    }

    /// Adds what `chunk`, ending at byte `end` of `text`, counted, unless it is a link
    /// (`is_link`, asked in full only of a chunk holding a colon or an at sign: without
    /// either, only "www." can make one).
    fn add_chunk(&mut self, text: &str, chunk: Chunk, end: usize) {
        let Some(start) = chunk.start else {
            return;
        };
        let read = &text[start..end];
        let link = if chunk.colon_or_at {
            is_link(read)
        } else {
            begins_www(read)
        };
        if !link {
            let Tally {
                latin_letters,
                foreign_letters,
                words,
                abbreviations,
                syllables,
                marked,
                common,
                marked_or_common,
            } = chunk.tally;
            self.latin_letters += latin_letters;
            self.foreign_letters += foreign_letters;
            self.words += words;
            self.abbreviations += abbreviations;
            self.syllables += syllables;
            self.marked += marked;
            self.common += common;
            self.marked_or_common += marked_or_common;
        }
    }

    fn add_token(&mut self, memo: &mut Memo, token: &str, digits: bool, latin: bool) {
        if digits || !latin {
            return;
        }
        self.add_word(WordVerdict::of(memo, token));
    }

    fn add_word(&mut self, word: WordVerdict) {
        if word.abbreviation {
            self.abbreviations += 1;
            return;
        }
        self.words += 1;
        self.syllables += usize::from(word.syllable);
        self.marked += usize::from(word.marked);
        self.common += usize::from(word.common);
        self.marked_or_common += usize::from(word.marked || word.common);
    }
}

/// The whitespace-separated chunk [`Tally::of`] is reading: where it starts (None before
/// its first character), what it counted, and whether it holds a colon or an at sign.
#[derive(Default)]
struct Chunk {
    start: Option<usize>,
    tally: Tally,
    colon_or_at: bool,
}

/// What the tally asks of each character, answered by one match for the characters
/// Vietnamese text is made of: asking `char::is_alphabetic` (a table search for every
/// non-ASCII letter), `is_latin`, `char::is_numeric` and `is_latin_or_mark` one after the
/// other was a tenth of a bulk load's reading thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CharClass {
    /// `char::is_alphabetic`.
    letter: bool,
    /// `is_latin`.
    latin: bool,
    /// `char::is_numeric`.
    number: bool,
    /// A letter, a number or a combining mark: part of a word.
    in_token: bool,
    latin_or_mark: bool,
    /// `char::is_whitespace`: ends a chunk.
    space: bool,
}

impl CharClass {
    #[inline]
    fn of(c: char) -> Self {
        let (letter, latin, number, space) = match c {
            'a'..='z' | 'A'..='Z' => (true, true, false, false),
            '0'..='9' => (false, false, true, false),
            '\0'..='\u{7f}' => (false, false, false, c.is_whitespace()),
            // Latin-1 letters (all but × and ÷), Latin Extended-A and -B, and Latin Extended
            // Additional: Latin script, and no combining marks among them.
            '\u{c0}'..='\u{24f}' => (c != '\u{d7}' && c != '\u{f7}', true, false, false),
            '\u{1e00}'..='\u{1eff}' => (true, true, false, false),
            _ => {
                let (letter, latin, number) = (c.is_alphabetic(), is_latin(c), c.is_numeric());
                return CharClass {
                    letter,
                    latin,
                    number,
                    in_token: letter || number || is_combining_mark(c),
                    latin_or_mark: is_latin_or_mark(c),
                    space: c.is_whitespace(),
                };
            }
        };
        CharClass {
            letter,
            latin,
            number,
            in_token: letter || number,
            latin_or_mark: latin,
            space,
        }
    }
}

/// How many words each of the memo's maps holds before it is cleared.
const MEMO_WORDS: usize = 50_000;

/// Words already judged, by their spelling as written. Reports repeat a few thousand
/// syllables, and taking a word apart (NFD, folding, onset and rhyme) was most of the
/// language check: a bulk check of a million reports asks about the same words again and
/// again. Cleared when full, so memory stays bounded; a pure memo of a pure function.
///
/// Words of up to 15 bytes, nearly every Vietnamese syllable, are keyed by one integer (their
/// bytes and length), so a lookup hashes and compares two machine words: hashing and
/// comparing the bytes as a string was a fifth of a bulk load's reading thread.
struct Memo {
    short: std::collections::HashMap<u128, WordVerdict, Fnv>,
    long: std::collections::HashMap<String, WordVerdict, Fnv>,
}

impl Memo {
    const fn new() -> Self {
        Memo {
            short: std::collections::HashMap::with_hasher(Fnv),
            long: std::collections::HashMap::with_hasher(Fnv),
        }
    }
}

/// A word of up to 15 bytes as one integer: its bytes, then its length in the last byte, so
/// that no two such words share a key.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut key = [0u8; 16];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    key[15] = u8::try_from(bytes.len()).ok().filter(|&n| n < 16)?;
    Some(u128::from_le_bytes(key))
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = const { std::cell::RefCell::new(Memo::new()) };
}

// Beside the memo rather than beside `judge`: it is `judge`'s answer, remembered.
impl WordVerdict {
    fn of(memo: &mut Memo, word: &str) -> Self {
        fn remember<K: std::hash::Hash + Eq>(
            map: &mut std::collections::HashMap<K, WordVerdict, Fnv>,
            key: K,
            word: &str,
        ) -> WordVerdict {
            if let Some(verdict) = map.get(&key) {
                return *verdict;
            }
            let verdict = WordVerdict::judge(word);
            if map.len() >= MEMO_WORDS {
                map.clear();
            }
            map.insert(key, verdict);
            verdict
        }
        match short_key(word) {
            Some(key) => remember(&mut memo.short, key, word),
            None => remember(&mut memo.long, word.to_owned(), word),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_remembered_word_gets_the_verdict_it_would_get_afresh() {
        let words = [
            "Đường",
            "đường",
            "ĐƯỜNG",
            "ubnd",
            "UBND",
            "hello",
            "nghiêng",
            "xyzw",
            // Past 15 bytes: kept by spelling, not by integer key.
            "Nghiêngnghiêngs",
            "internationalisation",
        ];
        let mut memo = Memo::new();
        for _ in 0..2 {
            for word in words {
                assert_eq!(
                    WordVerdict::of(&mut memo, word),
                    WordVerdict::judge(word),
                    "{word}"
                );
            }
        }
        assert_eq!(
            WordVerdict::of(&mut memo, "ĐƯỜNG"),
            WordVerdict::of(&mut memo, "đường")
        );
        assert!(is_link("WWW.camau.gov.vn") && is_link("https://x") && !is_link("www"));
    }

    #[test]
    fn short_keys_tell_every_short_word_apart_and_leave_long_ones() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "đ",
            "d",
            "đường",
            "nghiêng",
            "abcdefghijklmno",
        ];
        let keys: std::collections::BTreeSet<u128> =
            words.iter().map(|w| short_key(w).unwrap()).collect();
        assert_eq!(keys.len(), words.len());
        assert_eq!(short_key("abcdefghijklmnop"), None);
        assert_eq!(short_key("nghiêngnghiêng"), None);
    }

    proptest! {
        #[test]
        fn two_short_words_share_a_key_only_when_spelt_alike(
            a in "[a-zđơư\u{300}]{0,8}",
            b in "[a-zđơư\u{300}]{0,8}",
        ) {
            if let (Some(ka), Some(kb)) = (short_key(&a), short_key(&b)) {
                prop_assert_eq!(ka == kb, a == b);
            }
        }
    }

    /// How `assess_language` cut and counted before its loops were fused into one pass
    /// (`Tally::of`): letters over each chunk, then tokens cut by `split`, each walked for
    /// digits and script, and judged afresh.
    fn tally_in_separate_passes(text: &str) -> Tally {
        let mut tally = Tally::default();
        for chunk in text.split_whitespace().filter(|chunk| !is_link(chunk)) {
            for c in chunk.chars().filter(|&c| c.is_alphabetic()) {
                if is_latin(c) {
                    tally.latin_letters += 1;
                } else {
                    tally.foreign_letters += 1;
                }
            }
            for token in chunk
                .split(|c: char| !(c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)))
                .filter(|token| !token.is_empty())
            {
                if token.chars().any(char::is_numeric) || !token.chars().all(is_latin_or_mark) {
                    continue;
                }
                tally.add_word(WordVerdict::judge(token));
            }
        }
        tally
    }

    #[test]
    fn every_character_is_classed_as_std_and_the_script_questions_class_it() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let (letter, number) = (c.is_alphabetic(), c.is_numeric());
            let separate = CharClass {
                letter,
                latin: is_latin(c),
                number,
                in_token: letter || number || is_combining_mark(c),
                latin_or_mark: is_latin_or_mark(c),
                space: c.is_whitespace(),
            };
            assert_eq!(CharClass::of(c), separate, "{c:?}");
            // `Tally::of` ends a token at a space before it ends the chunk.
            assert!(!(separate.space && separate.in_token), "{c:?}");
        }
    }

    #[test]
    fn one_pass_counts_the_test_sentences_as_separate_passes_did() {
        for text in [
            "Đường Nguyễn Trãi ngập nước sau mưa, xe máy chết máy hàng loạt!",
            "UBND P. Tân Thành: rác thải ùn ứ 3 ngày (QL1A, km15+300) https://x.vn/a?b=1",
            "Street is flooded near the market",
            "路面积水 đường ngập",
            "ko dc, 15h30... e-mail: a@b.vn",
            "",
        ] {
            assert_eq!(Tally::of(text), tally_in_separate_passes(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn one_pass_counts_as_separate_passes_did(
            text in "([a-zA-Z0-9đĐàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ\u{300}-\u{309}\u{323}ñçß路面积水ภาษาкириллица.,:;!?()/@_+'\"-]|[ \t\n\u{b}\u{85}\u{a0}\u{2003}\u{3000}]|https://|www\\.|WwW\\.|a@b|x:/|:/){0,40}"
        ) {
            prop_assert_eq!(Tally::of(&text), tally_in_separate_passes(&text));
        }
    }
}
