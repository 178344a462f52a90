//! The word-level rules of the Vietnamese-language heuristic (Đ6.1): what one word is worth
//! as evidence, and the character questions the text is cut by.
//!
//! Owns [`WordVerdict`] and [`WordVerdict::judge`], the spelling and diacritic rules behind
//! it (onsets, rhymes, spelling of k/gh/ngh and c/g/ng, tone marks), the word lists
//! (abbreviations, common words) and their sets, and the character predicates
//! [`is_latin`], [`is_latin_or_mark`] and [`is_link`]. The rules are documented with the
//! heuristic in `language`. Must not count a text or turn counts into a verdict (that is
//! `fast`'s tally and `language`'s thresholds), and must not hold speed tricks beyond the
//! word sets: remembering verdicts is `fast`'s, which must reach the verdicts given here.

use super::fnv::Fnv;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// URLs and e-mail addresses are names of places on the network, not language.
pub(super) fn is_link(chunk: &str) -> bool {
    chunk.contains("://") || begins_www(chunk) || chunk.contains('@')
}

/// Whether `chunk` begins "www." in any case: of [`is_link`]'s three signs, the one that
/// needs neither a colon nor an at sign.
pub(super) fn begins_www(chunk: &str) -> bool {
    chunk
        .get(..4)
        .is_some_and(|start| start.eq_ignore_ascii_case("www."))
}

/// Latin script: Basic Latin, Latin-1, Latin Extended-A/B, IPA, Latin Extended Additional
/// (where precomposed Vietnamese lives), Extended-C/D/E and the full-width forms.
pub(super) fn is_latin(c: char) -> bool {
    matches!(c,
        'a'..='z' | 'A'..='Z'
        | '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}')
}

pub(super) fn is_latin_or_mark(c: char) -> bool {
    is_latin(c) || ('\u{0300}'..='\u{036F}').contains(&c)
}

const TONE_GRAVE: char = '\u{0300}'; // huyền
const TONE_ACUTE: char = '\u{0301}'; // sắc
const TONE_TILDE: char = '\u{0303}'; // ngã
const TONE_HOOK: char = '\u{0309}'; // hỏi
const TONE_DOT: char = '\u{0323}'; // nặng
const BREVE: char = '\u{0306}'; // ă
const CIRCUMFLEX: char = '\u{0302}'; // â ê ô
const HORN: char = '\u{031B}'; // ơ ư

/// What the heuristic counts about one lowercase word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WordVerdict {
    pub(super) abbreviation: bool,
    pub(super) marked: bool,
    pub(super) common: bool,
    pub(super) syllable: bool,
}

impl WordVerdict {
    /// The verdict from the spelling alone; `fast` remembers it per word, and must agree.
    pub(super) fn judge(word: &str) -> Self {
        let shape = WordShape::of(&word.to_lowercase());
        WordVerdict {
            abbreviation: shape.is_abbreviation(),
            marked: shape.is_marked(),
            common: COMMON_SET.contains(shape.folded.as_str()),
            syllable: shape.is_syllable(),
        }
    }
}

/// A lowercase word taken apart into its folded letters and its diacritics.
struct WordShape {
    /// ASCII letters with diacritics dropped and đ → d.
    folded: String,
    /// Every diacritic sits where Vietnamese allows it and every letter is a-z or đ.
    vietnamese_letters: bool,
    /// Carries ă â đ ê ô ơ ư or a tone mark.
    has_marks: bool,
    tone: Option<char>,
    tone_marks: usize,
}

impl WordShape {
    fn of(word: &str) -> Self {
        let mut shape = WordShape {
            folded: String::with_capacity(word.len()),
            vietnamese_letters: true,
            has_marks: false,
            tone: None,
            tone_marks: 0,
        };
        let mut base: Option<char> = None;
        let mut modified = false;
        for c in word.nfd() {
            if is_combining_mark(c) {
                let Some(letter) = base else {
                    shape.vietnamese_letters = false;
                    continue;
                };
                let allowed = match c {
                    TONE_GRAVE | TONE_ACUTE | TONE_TILDE | TONE_HOOK | TONE_DOT => {
                        shape.tone = Some(c);
                        shape.tone_marks += 1;
                        matches!(letter, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
                    }
                    BREVE | CIRCUMFLEX | HORN => {
                        let fits = match c {
                            BREVE => letter == 'a',
                            CIRCUMFLEX => matches!(letter, 'a' | 'e' | 'o'),
                            _ => matches!(letter, 'o' | 'u'),
                        };
                        let first_modifier = !modified;
                        modified = true;
                        fits && first_modifier
                    }
                    _ => false,
                };
                shape.vietnamese_letters &= allowed;
                shape.has_marks = true;
            } else {
                let letter = match c {
                    // đ only ever begins a Vietnamese syllable.
                    'đ' | 'ð' => {
                        shape.vietnamese_letters &= shape.folded.is_empty();
                        shape.has_marks = true;
                        'd'
                    }
                    other => other,
                };
                shape.vietnamese_letters &= letter.is_ascii_lowercase();
                base = Some(letter);
                modified = false;
                shape.folded.push(letter);
            }
        }
        shape
    }

    fn is_abbreviation(&self) -> bool {
        let single_consonant = self.folded.len() == 1 && !self.folded.starts_with(is_vowel);
        single_consonant || ABBREVIATION_SET.contains(self.folded.as_str())
    }

    fn is_marked(&self) -> bool {
        self.has_marks && self.vietnamese_letters && self.tone_marks <= 1
    }

    fn is_syllable(&self) -> bool {
        if !self.vietnamese_letters || self.tone_marks > 1 {
            return false;
        }
        let Some(rhyme) = split_syllable(&self.folded) else {
            return false;
        };
        // A syllable closed by a stop takes only sắc or nặng ("ngập", "mát", never "ngàp");
        // an unmarked word may be Vietnamese typed without diacritics, so it is let through.
        let stop_coda = rhyme.ends_with("ch") || rhyme.ends_with(['c', 'p', 't']);
        !stop_coda || matches!(self.tone, None | Some(TONE_ACUTE | TONE_DOT))
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Vietnamese onsets, folded (đ → d). Longer ones first only for readability: every
/// split is tried.
const ONSETS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Vietnamese rhymes (vần), folded: ă/â → a, ê → e, ô/ơ → o, ư → u. Medial o/u, nucleus,
/// then coda c ch m n ng nh p t or semivowel i y o u.
const RHYMES: &[&str] = &[
    // open or closed by a semivowel
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "iu", "oi", "ua", "ui",
    "uu", "ieu", "yeu", "uoi", "uou", "oa", "oe", "ue", "uo", "uy", "oai", "oay", "oao", "oeo",
    "uay", "uya", "uyu", // a ă â
    "ac", "ach", "am", "an", "ang", "anh", "ap", "at", // e ê
    "ec", "ech", "em", "en", "eng", "enh", "ep", "et", // i
    "ich", "im", "in", "inh", "ip", "it", // o ô ơ, and oo of "xoong", "soóc"
    "oc", "om", "on", "ong", "op", "ot", "ooc", "oong", // u ư
    "uc", "um", "un", "ung", "up", "ut", // iê yê
    "iec", "iem", "ien", "ieng", "iep", "iet", "yem", "yen", "yet", // uô ươ
    "uoc", "uom", "uon", "uong", "uop", "uot", // oa oă oe
    "oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat", "oen", "oeng", "oet",
    // uâ uê uy uyê, and y after qu ("quýt", "quỳnh")
    "uan", "uang", "uat", "uech", "uenh", "uych", "uyn", "uynh", "uyp", "uyt", "uyen", "uyet",
    "ych", "ynh", "yt",
];

/// Splits a folded word into onset and rhyme, returning the rhyme when the word is a
/// well-formed Vietnamese syllable.
fn split_syllable(folded: &str) -> Option<&str> {
    ONSETS.iter().find_map(|&onset| {
        let rhyme = folded.strip_prefix(onset)?;
        (RHYME_SET.contains(rhyme) && spelling_allows(onset, rhyme)).then_some(rhyme)
    })
}

/// Vietnamese spelling: k, gh, ngh only before i e ê y; c and ng never there; g never before
/// e ê y (gi covers i); y followed by more letters only begins a syllable or follows qu.
fn spelling_allows(onset: &str, rhyme: &str) -> bool {
    let front = rhyme.starts_with(['i', 'e', 'y']);
    let allowed_by_onset = match onset {
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !front,
        "g" => !rhyme.starts_with(['e', 'y']),
        _ => true,
    };
    let y_cluster = rhyme.len() > 1 && rhyme.starts_with('y');
    allowed_by_onset && (!y_cluster || onset.is_empty() || onset == "qu")
}

// The lists are searched once per word of every report: as sets, not by a linear scan,
// which was a quarter of `validate`'s time on 200,000 reports.
type WordSet = std::sync::LazyLock<std::collections::HashSet<&'static str, Fnv>>;

static RHYME_SET: WordSet = WordSet::new(|| RHYMES.iter().copied().collect());
static ABBREVIATION_SET: WordSet = WordSet::new(|| ABBREVIATIONS.iter().copied().collect());
static COMMON_SET: WordSet = WordSet::new(|| COMMON_WORDS.iter().copied().collect());

/// Abbreviations frequent in Vietnamese reports and chat, folded. They are no evidence either
/// way, so they are skipped instead of sinking a real Vietnamese text's syllable share.
const ABBREVIATIONS: &[&str] = &[
    "ubnd", "hdnd", "tp", "tx", "tt", "kp", "ql", "tl", "dt", "hl", "csgt", "cand", "pccc", "atgt",
    "vsmt", "kcn", "kdc", "hcm", "tphcm", "thpt", "thcs", "bhxh", "bhyt", "mttq", "sdt", "dc",
    "ko", "k", "kg", "km", "vs", "ng", "trc", "cx", "bt", "nt", "mn", "hk", "ck", "vn", "ttxvn",
];

/// Very frequent Vietnamese words, folded. Words that are also frequent in English, French or
/// Spanish ("the", "to", "can", "may", "long", "hang", "them", "ran", "bay", "van", "bien",
/// "la", "lo", "de", "do", "no", "on", "an", "he", "me", "day", "ban", "se", "tu", "men",
/// "man") are left out, so that such text cannot pass on them.
pub(super) const COMMON_WORDS: &[&str] = &[
    "khong", "co", "duoc", "nguoi", "duong", "nha", "bi", "cua", "va", "o", "rat", "nuoc", "cho",
    "voi", "nhung", "nhieu", "trong", "ngoai", "tren", "duoi", "truoc", "sau", "nay", "kia", "mot",
    "hai", "bon", "nam", "tam", "chin", "muoi", "cac", "nhu", "khi", "thi", "ma", "neu", "vi",
    "nen", "da", "dang", "roi", "lai", "ra", "vao", "len", "xuong", "di", "den", "tai", "bao",
    "lam", "xe", "xa", "phuong", "huyen", "tinh", "thanh", "pho", "quan", "ap", "khom", "hem",
    "cau", "cong", "rac", "ngap", "hu", "hong", "chay", "cay", "toi", "chung", "ho", "minh", "anh",
    "chi", "em", "ong", "dan", "gia", "dinh", "tre", "benh", "vien", "truong", "hoc", "song",
    "kenh", "rach", "bo", "mui", "hoi", "thoi", "chuot", "heo", "ga", "vit", "thoat", "ngay",
    "dem", "gio", "sang", "chieu", "tuan", "thang", "lau", "qua", "troi", "hay", "giup", "xin",
    "vui", "xu", "ly", "kiem", "tra", "nghi", "phan", "hien", "viec", "trang", "gay", "huong",
    "nguy", "hiem", "nan", "giao", "thong", "dien", "cot", "lan", "chiem", "via", "buon", "nhau",
    "dat", "xay", "dung", "trai", "phep", "bun", "lun", "vo", "ket", "tac", "cung", "moi", "nhat",
    "thai", "tieng", "nhac", "ngu", "luc", "khu", "vuc", "dau", "tung", "nhanh", "sach",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_syllables() {
        const WORDS: &str = "\
            nghiêng quỳnh quýt khuya giếng gì gìn già người đường xoong soóc khuỷu thuở \
            oai yêu yên uống ưu hươu tuýp quyết quốc ghế kẻ ký xẻng ngoằn ngoèo hoạch \
            khuếch huỳnh khuấy ngập ngáp ngap a ạ ừ ở ý nước rượu thuê huế khỏe khoẻ";
        for word in WORDS.split_whitespace() {
            assert!(WordShape::of(word).is_syllable(), "{word}");
        }
    }

    #[test]
    fn highland_place_names_with_final_k_are_not_syllables() {
        // Known limit: "Đắk Lắk" keeps a Ê Đê spelling outside the rhyme table (what that does
        // to a sentence is pinned beside `assess_language`).
        assert!(!WordShape::of("đắk").is_syllable());
    }

    #[test]
    fn malformed_syllables() {
        const WORDS: &str = "\
            street flooded is road house weeks ka ce ge ngi gy tyen ngàp ngảp mãt été \
            élève año über straße ađ ưi̇ bbb w fa ja za";
        for word in WORDS.split_whitespace() {
            assert!(!WordShape::of(word).is_syllable(), "{word}");
        }
    }

    #[test]
    fn marks_must_be_vietnamese_to_count() {
        assert!(WordShape::of("ngập").is_marked());
        assert!(WordShape::of("đi").is_marked());
        assert!(WordShape::of("ư").is_marked());
        assert!(!WordShape::of("ngap").is_marked());
        assert!(!WordShape::of("été").is_marked());
        assert!(!WordShape::of("año").is_marked());
        assert!(!WordShape::of("ǎ").is_marked());
    }

    #[test]
    fn word_lists_are_folded_distinct_and_consistent() {
        for list in [RHYMES, COMMON_WORDS, ABBREVIATIONS, &ONSETS[..]] {
            for (index, entry) in list.iter().enumerate() {
                assert!(entry.chars().all(|c| c.is_ascii_lowercase()), "{entry}");
                assert!(!list[..index].contains(entry), "duplicate {entry}");
            }
        }
        for word in COMMON_WORDS {
            assert!(WordShape::of(word).is_syllable(), "common word {word}");
            assert!(
                !ABBREVIATIONS.contains(word),
                "{word} both common and skipped"
            );
        }
        for rhyme in RHYMES {
            let reachable = ONSETS
                .iter()
                .any(|onset| split_syllable(&format!("{onset}{rhyme}")).is_some());
            assert!(reachable, "rhyme {rhyme}");
        }
    }
}
