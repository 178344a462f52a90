//! What a public text gives away about people besides the reporter's name and phone, which
//! `domain::redact` hides: words for a person's health (a sensitive kind of personal data
//! under Law 91/2025/QH15), and the incident placed at the reporter's own home ("trước cửa
//! nhà tôi"), where the address and the exact point name the reporter's household (Đ6.5).
//! Owns those two lists (docs/rules.md §6, "What a public text still gives away") and the
//! coarser location the public views give a report set at the reporter's home. Pure: no I/O.
//!
//! Both are found in folded text (any case, with or without marks), as `redact` finds a
//! name, and only as whole phrases: a single folded word is too often another one ("lao
//! động" is labour, "máy nghiền" a crusher, "điện" folds like "điên"), and a warning that
//! cries wolf on every third report is soon not read.

use crate::domain::text::{CharTraits, first_folded, fold, folds_as, nfc_cow};

/// Phrases that speak of a person's health, folded word by word when matched; shown to
/// the clerk as written here. Short on purpose (precision over recall): each is a disease,
/// a condition or an addiction said of someone, not a word of ordinary complaints (a
/// "người khuyết tật" ramp or a "sốt xuất huyết" spraying request are about no one).
pub const HEALTH_WORDS: &[&str] = &[
    "bệnh lao",
    "lao phổi",
    "mắc lao",
    "bị lao",
    "HIV",
    "AIDS",
    "ung thư",
    "tâm thần",
    "trầm cảm",
    "viêm gan",
    "nghiện ma túy",
    "nghiện rượu",
    "con nghiện",
    "người nghiện",
    "mang thai",
];

/// Words that, after "nhà" (home), make it the writer's own: "nhà tôi", "nhà em", "nhà
/// mình", "nhà chúng tôi", "nhà của tôi"… Folded; the word must not be capitalised ("nhà
/// Minh" is Mr Minh's).
const OWN: &[&str] = &["toi", "tui", "em", "minh", "chung", "con"];

/// The words of a text (NFC), with whether each is written as a name is: a capital then
/// small letters (a text all in capitals says nothing by its case). Read once for both
/// lists: `validate` looks at every accepted content for them. Each word's fold is begun
/// with it, to its first letter, and made further only where a word of the lists begins
/// with that letter ([`FoldedWords::is`] compares as far as it matches): nearly every word
/// differs from every word of the lists there or at the next letter, and folding each word
/// of each text whole was the largest part of that look.
pub struct FoldedWords<'t> {
    text: std::borrow::Cow<'t, str>,
    words: Vec<Word>,
}

/// A word of [`FoldedWords`]: where it stands, whether it is written as a name is, and the
/// first letter of its fold, by which the lists' words are first told apart.
struct Word {
    range: std::ops::Range<usize>,
    capital: bool,
    lead: Option<char>,
}

impl<'t> FoldedWords<'t> {
    pub fn of(text: &'t str) -> FoldedWords<'t> {
        let text = nfc_cow(text);
        let mut words = Vec::new();
        // A word's fold begins with its first letter in lower case when that is ASCII, as
        // most are; any other is folded as far as its first letter.
        let mut take = |range: std::ops::Range<usize>, capital: bool, first: char| {
            let lead = match first.is_ascii_alphanumeric() {
                true => Some(first.to_ascii_lowercase()),
                false => first_folded(&text[range.clone()]),
            };
            words.push(Word {
                range,
                capital,
                lead,
            });
        };
        // The word being read: where it starts, its first character, whether that is a
        // capital and whether a small letter follows: one look at each character for the
        // words and their case, where a split read each word again for it.
        let mut word: Option<(usize, char, bool, bool)> = None;
        for (at, c) in text.char_indices() {
            let traits = CharTraits::of(c);
            if traits.alphanumeric() {
                let (_, _, _, small) = word.get_or_insert((at, c, traits.uppercase(), false));
                *small |= traits.lowercase();
            } else if let Some((start, first, first_capital, small)) = word.take() {
                take(start..at, first_capital && small, first);
            }
        }
        if let Some((start, first, first_capital, small)) = word {
            take(start..text.len(), first_capital && small, first);
        }
        FoldedWords { text, words }
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    /// Word `i` as written, and whether it is written as a name is.
    fn get(&self, i: usize) -> Option<(&str, bool)> {
        let word = self.words.get(i)?;
        Some((&self.text[word.range.clone()], word.capital))
    }

    /// The first letter of word `i`'s fold.
    fn lead(&self, i: usize) -> Option<char> {
        self.words.get(i)?.lead
    }

    /// Whether word `i` folds to `folded`.
    fn is(&self, i: usize, folded: &str) -> bool {
        self.get(i).is_some_and(|(word, _)| folds_as(word, folded))
    }
}

/// [`HEALTH_WORDS`], each phrase's words folded, once.
static HEALTH_FOLDED: std::sync::LazyLock<Vec<Vec<String>>> = std::sync::LazyLock::new(|| {
    HEALTH_WORDS
        .iter()
        .map(|phrase| phrase.split(' ').map(fold).collect())
        .collect()
});

/// For each first byte of a folded word, the phrases of [`HEALTH_FOLDED`] whose first word
/// begins with it (bit `p` for phrase `p`).
static HEALTH_LEADS: std::sync::LazyLock<[u32; 256]> = std::sync::LazyLock::new(|| {
    let mut leads = [0; 256];
    for (p, phrase) in HEALTH_FOLDED.iter().enumerate() {
        if let Some(&lead) = phrase[0].as_bytes().first() {
            leads[usize::from(lead)] |= 1 << p;
        }
    }
    leads
});

const _: () = assert!(
    HEALTH_WORDS.len() <= 32,
    "a text's phrases fit a u32's bits"
);

/// The phrases of [`HEALTH_WORDS`] found in `texts`, each once, in the list's order.
pub fn health_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let texts: Vec<FoldedWords> = texts.into_iter().map(FoldedWords::of).collect();
    health_in(&texts)
}

/// [`health_words`] of texts already read: one walk of each text's words, each compared only
/// with the phrases whose first word begins with its letter. Looking for each phrase as a
/// string in the folded words joined by spaces (fifteen phrases, three texts) was a seventh
/// of the look at what an accepted content gives away.
pub fn health_in(texts: &[FoldedWords]) -> Vec<&'static str> {
    let found = texts.iter().fold(0, |found, text| found | phrases_in(text));
    HEALTH_WORDS
        .iter()
        .enumerate()
        .filter(|(p, _)| found & 1 << p != 0)
        .map(|(_, phrase)| *phrase)
        .collect()
}

/// The phrases of [`HEALTH_FOLDED`] whose words follow each other in `text` (bit `p` for
/// phrase `p`).
fn phrases_in(text: &FoldedWords) -> u32 {
    let mut found = 0;
    for i in 0..text.len() {
        let Some(lead) = text.lead(i) else {
            continue;
        };
        let mut buf = [0; 4];
        let lead = lead.encode_utf8(&mut buf).as_bytes()[0];
        let mut candidates = HEALTH_LEADS[usize::from(lead)] & !found;
        // Compared with each phrase it may begin as far as they match, where folding the
        // word whole first was an eighth of the look: the phrases begin with the commonest
        // letters of Vietnamese (b, c, l, m, n, t…), so nearly every word is a candidate,
        // and nearly every one differs from the phrase's first word by its second letter.
        while candidates != 0 {
            let p = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let phrase = &HEALTH_FOLDED[p];
            let follows = phrase
                .iter()
                .enumerate()
                .all(|(k, wanted)| text.is(i + k, wanted));
            if follows {
                found |= 1 << p;
            }
        }
    }
    found
}

/// Whether `text` places something at the writer's own home: "nhà" followed by a word of
/// [`OWN`] (or "của" then one), that word not capitalised. "chung" counts only in "chúng
/// tôi/ta/em" ("nhà chung cư" is a block of flats), and "con" only ending the text ("trước
/// nhà con", as a young person writes to officials): "nhà con gái ông Tám" is another's.
pub fn at_writers_home(text: &str) -> bool {
    at_home_in(&FoldedWords::of(text))
}

/// [`at_writers_home`] of a text already read.
fn at_home_in(text: &FoldedWords) -> bool {
    let own = |i: usize| -> bool {
        let Some((_, capital)) = text.get(i) else {
            return false;
        };
        if capital {
            return false;
        }
        if text.is(i, "chung") {
            ["toi", "ta", "em"].iter().any(|n| text.is(i + 1, n))
        } else if text.is(i, "con") {
            i + 1 >= text.len()
        } else {
            OWN.iter().any(|w| text.is(i, w))
        }
    };
    // Most words are told from "nhà" by their first letter alone.
    let home = |i: usize| text.lead(i) == Some('n') && text.is(i, "nha");
    (0..text.len()).any(|i| home(i) && (own(i + 1) || (text.is(i + 1, "cua") && own(i + 2))))
}

/// Whether a report's content or address sets it at the reporter's own home.
pub fn at_reporters_home(content: &str, address: &str) -> bool {
    at_reporters_home_in(&FoldedWords::of(content), &FoldedWords::of(address))
}

/// [`at_reporters_home`] of texts already read.
pub fn at_reporters_home_in(content: &FoldedWords, address: &FoldedWords) -> bool {
    at_home_in(content) || at_home_in(address)
}

/// Decimals the public views keep of a report set at the reporter's home: three, about 110
/// m of latitude, a block rather than a door (docs/rules.md §6).
pub const COARSE_DECIMALS: i32 = 3;

/// `x` rounded to [`COARSE_DECIMALS`].
pub fn coarse_coordinate(x: f64) -> f64 {
    let scale = 10f64.powi(COARSE_DECIMALS);
    (x * scale).round() / scale
}

/// Words that say the number after them is a house's: "số 5", "số nhà 45", "nhà số 12",
/// "SN 7". Folded.
const HOUSE_WORDS: &[&str] = &["so", "sn", "nha"];

/// Whether a word is a house number: digits first, then digits, letters or "/" and "-"
/// ("5", "12A", "45/3", "7-9").
fn is_house_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-'))
}

/// `address` without its house numbers, for the public view of a report set at the
/// reporter's home: "Số 5 hẻm 10 đường Lý Văn Lâm" reads "hẻm 10 đường Lý Văn Lâm". A
/// number goes with the words before it that make it a house's ("số", "số nhà", "nhà số",
/// "SN"), and a number opening the address or a part of it after a comma ("12/3 Lý Văn
/// Lâm") is one too; a number after any other word ("hẻm 10", "khóm 3", "phường 8") is a
/// unit's and stays.
pub fn without_house_number(address: &str) -> String {
    let parts: Vec<String> = address
        .split(',')
        .map(|part| {
            let tokens: Vec<&str> = part.split_whitespace().collect();
            let mut kept: Vec<&str> = Vec::with_capacity(tokens.len());
            let mut i = 0;
            while i < tokens.len() {
                // The words before a number that make it a house's, then the number.
                let mut j = i;
                while j < tokens.len() && HOUSE_WORDS.contains(&fold(tokens[j]).as_str()) {
                    j += 1;
                }
                let opens = i == 0 && kept.is_empty();
                if j < tokens.len() && is_house_number(tokens[j]) && (j > i || opens) {
                    i = j + 1;
                    continue;
                }
                kept.push(tokens[i]);
                i += 1;
            }
            kept.join(" ")
        })
        .collect();
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A phrase is found as a string exactly where its words follow each other.
        #[test]
        fn health_words_are_the_phrases_whose_words_follow_each_other(
            words in proptest::collection::vec(
                "(bệnh|BỆNH|lao|Lao|phổi|mắc|bị|ung|thư|thu|HIV|AIDS|tâm|thần|trầm|cảm|viêm|gan|ma|túy|tuy|con|người|nghiện|rượu|mang|thai|nhà|là|[a-zđ]{1,4})",
                0..30,
            ),
            gaps in proptest::collection::vec("( |, |\\. |-|  |\u{a0}|/)", 30),
        ) {
            let text = crate::domain::text::interleaved(&words, &gaps);
            let read = FoldedWords::of(&text);
            let folded: Vec<String> = (0..read.len()).filter_map(|i| Some(fold(read.get(i)?.0))).collect();
            let by_windows: Vec<&str> = HEALTH_WORDS
                .iter()
                .copied()
                .filter(|phrase| {
                    let wanted: Vec<String> = phrase.split(' ').map(fold).collect();
                    folded.windows(wanted.len()).any(|w| w == wanted)
                })
                .collect();
            prop_assert_eq!(health_words([text.as_str()]), by_windows);
        }
    }

    /// [`FoldedWords::of`] the long way: the text split at every character not a letter or
    /// digit, each word read again for its case.
    fn words_the_long_way(text: &str) -> Vec<(String, bool)> {
        nfc_cow(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let capital = w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().any(char::is_lowercase);
                (w.to_owned(), capital)
            })
            .collect()
    }

    proptest! {
        /// One look at each character reads the words and their case as the long way does,
        /// and each word is what its fold says.
        #[test]
        fn folded_words_are_read_as_the_long_way_reads_them(
            text in "([ĐẶÂƯΣİẞAaĐđ\u{300}\u{301}\u{323}\u{200b}\u{a0}\u{b} ,.\\-_ǅ0-9]|[a-zA-Zàáạảãăắâầđêếôồơớưứỳ]|\\PC){0,60}",
        ) {
            let read = FoldedWords::of(&text);
            let words: Vec<(String, bool)> = (0..read.len())
                .filter_map(|i| read.get(i).map(|(w, capital)| (w.to_owned(), capital)))
                .collect();
            for (i, (word, _)) in words.iter().enumerate() {
                prop_assert!(read.is(i, &fold(word)), "{word}");
                prop_assert_eq!(read.lead(i), fold(word).chars().next(), "{}", word);
            }
            prop_assert_eq!(words, words_the_long_way(&text));
        }
    }

    #[test]
    fn health_words_are_found_with_or_without_marks_and_only_as_phrases() {
        assert_eq!(
            health_words(["con ông là Trần Thị Kiều bị bệnh lao vẫn bán hàng"]),
            ["bệnh lao"]
        );
        assert_eq!(
            health_words(["ba bi UNG THU giai doan cuoi", "nghi nhiem hiv"]),
            ["HIV", "ung thư"]
        );
        assert_eq!(
            health_words(["Con nghiện tụ tập hút chích"]),
            ["con nghiện"]
        );
        assert_eq!(
            health_words(["Người bị tâm thần đi lang thang"]),
            ["tâm thần"]
        );
        for ordinary in [
            "Công trình thiếu bảo hộ lao động, công nhân lao xuống kênh.",
            "Máy nghiền đá gây ồn cả đêm.",
            "Ông lão bán vé số bị xe tông.",
            "Mất điện ba ngày, dây điện đứt.",
            "Xin làm lối đi cho người khuyết tật.",
            "Thanh niên tụ tập, nghi có ma túy.",
            "Tủ điện hư, ung dung để hở.",
        ] {
            assert!(health_words([ordinary]).is_empty(), "{ordinary}");
        }
    }

    #[test]
    fn the_writers_home_is_found_and_anothers_is_not() {
        for text in [
            "Ống nước bể ngay trước cửa nhà tôi, nước chảy lênh láng.",
            "Số 5 hẻm 10 đường Lý Văn Lâm (nhà tôi)",
            "Rác đổ trước nhà em mấy ngày nay",
            "Nha minh bi ngap",
            "Cây đổ đè lên nhà của tôi",
            "Cống nghẹt trước nhà chúng tôi",
            "Đèn đường trước nhà con.",
            "NHÀ TÔI bị ngập",
        ] {
            assert!(at_writers_home(text), "{text}");
        }
        for text in [
            "Quán nhà Minh mở nhạc lớn.",
            "Nhà văn hóa ấp 3 bị dột.",
            "Ổ gà trước nhà số 12.",
            "Nhà chung cư bị nứt.",
            "Nhà con gái ông Tám lấn chiếm kênh.",
            "Nhà Em Ba bán tạp hóa.",
            "Tôi đi ngang chợ thấy rác, nhà ai cũng than.",
        ] {
            assert!(!at_writers_home(text), "{text}");
        }
    }

    #[test]
    fn the_house_number_goes_and_the_units_stay() {
        for (address, coarse) in [
            (
                "Số 5 hẻm 10 đường Lý Văn Lâm (nhà tôi)",
                "hẻm 10 đường Lý Văn Lâm (nhà tôi)",
            ),
            ("12/3 Lý Văn Lâm, khóm 3", "Lý Văn Lâm, khóm 3"),
            ("Nhà số 12A, ấp Tân Hiệp", "ấp Tân Hiệp"),
            (
                "hẻm 7, số nhà 45 đường Phan Ngọc Hiển",
                "hẻm 7, đường Phan Ngọc Hiển",
            ),
            ("SN 7 khóm 3 phường 8", "khóm 3 phường 8"),
            ("Khóm 3, Phường An Xuyên", "Khóm 3, Phường An Xuyên"),
            ("Quốc lộ 1A", "Quốc lộ 1A"),
        ] {
            assert_eq!(without_house_number(address), coarse, "{address}");
        }
    }

    #[test]
    fn coordinates_are_rounded_to_about_a_hundred_metres() {
        assert_eq!(coarse_coordinate(9.176543), 9.177);
        assert_eq!(coarse_coordinate(105.152345), 105.152);
    }
}
