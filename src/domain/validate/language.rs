//! Whether a report's content is Vietnamese (Đ6.1), decided from the text alone.
//!
//! Owns the heuristic described below as a whole: its documentation, [`LanguageThresholds`]
//! and the shares [`assess_language`] reports. The word-level rules it relies on (word lists,
//! spelling and diacritic rules, character predicates) live in `words`, and how a text is
//! walked and words remembered lives in `fast`, which must reach the verdicts the plain
//! functions in `words` would reach. Must not touch what a "no" does to a report (that is
//! [`check_complete`](super::check_complete)'s), nor hold word rules or speed tricks itself.
//!
//! # The Vietnamese-language heuristic (Đ6.1)
//!
//! Đ6.1 asks for Vietnamese. [`assess_language`] decides it from the text alone:
//!
//! 1. The text is put in NFC and lowercased. Whitespace-separated chunks that look like URLs
//!    or e-mail addresses are dropped; the rest is cut into tokens at every character that is
//!    neither a letter, a digit nor a combining mark. Tokens holding a digit ("15h30", "QL1A",
//!    "0912345678") carry no language and are ignored, as are punctuation and symbols.
//! 2. Every letter of the text is counted as Latin or foreign (CJK, Khmer, Thai, Cyrillic,
//!    Hangul, Arabic, …). The *foreign letter share* must stay small.
//! 3. Tokens made of Latin letters only are *words*, except single consonants ("P." for
//!    phường, "Q." for quận, initials) and well-known Vietnamese abbreviations ("UBND", "TP",
//!    "KP", "CSGT", chat shorthand "ko", "dc"): they say nothing about the language and are
//!    skipped rather than held against the text.
//! 4. For every word three things are checked:
//!    - *syllable*: it is a well-formed Vietnamese syllable: onset (none, b c ch d đ g gh gi h
//!      k kh l m n ng ngh nh p ph qu r s t th tr v x) plus one of the ~110 Vietnamese rhymes
//!      (vowel nucleus with optional glide and coda c ch m n ng nh p t or semivowel i y o u),
//!      obeying the spelling rules k/gh/ngh before i e ê y and c/g/ng elsewhere, with only
//!      Vietnamese diacritics (breve on a; circumflex on a e o; horn on o u), at most one tone
//!      mark, and sắc or nặng when it ends in p t c ch. English "street", "flooded", "is",
//!      "road" fail; so do French "été" (two tones) and Spanish "año" (ñ).
//!    - *marked*: it carries a Vietnamese-specific letter (ă â đ ê ô ơ ư) or a tone mark, with
//!      only Vietnamese diacritics.
//!    - *common*: its folded form is one of ~160 very frequent Vietnamese words ("khong",
//!      "nguoi", "duong", "nuoc", …). Folded words that are also frequent in English, French or
//!      Spanish ("the", "to", "can", "may", "la", "de", "do", …) are left out on purpose.
//! 5. The text is Vietnamese when it has at least [`LanguageThresholds::min_words`] words, the
//!    foreign letter share is at most `max_foreign_letter_share`, the syllable share is at
//!    least `min_syllable_share`, and the share of words that are marked *or* common is at
//!    least `min_marked_or_common_share`.
//!
//! The syllable test is the main filter: most words of any other Latin-script language break
//! Vietnamese phonotactics (consonant clusters, final s/r/l/k/d, double vowels). The
//! marked-or-common test keeps out the rare text made of short syllable-like words, while
//! Vietnamese typed without diacritics ("duong bi ngap nuoc qua troi") still passes on its
//! common words. A few names, loanwords and abbreviations ("karaoke", "wifi") only lower the
//! syllable share a little.
//!
//! Short texts are judged by the same shares; one or two words are coarse evidence, and the
//! rule leans towards accepting ("Ngập nước" passes, "help" and "ok" do not). Text with no word
//! at all (only digits, punctuation or a link) is not Vietnamese. Blank text is not this
//! heuristic's concern: [`check_complete`](super::check_complete) reports it as
//! [`Reason::MissingContent`](super::Reason::MissingContent).

use super::fast::Tally;
use crate::domain::text;

/// Settings of the Vietnamese-language heuristic (Art. 6.1); see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LanguageThresholds {
    /// Fewer words than this is not Vietnamese (there is nothing to judge).
    pub min_words: usize,
    /// Least share of words that must be well-formed Vietnamese syllables.
    pub min_syllable_share: f64,
    /// Least share of words that must carry Vietnamese diacritics or be common Vietnamese
    /// words.
    pub min_marked_or_common_share: f64,
    /// Largest share of the text's letters that may come from non-Latin scripts.
    pub max_foreign_letter_share: f64,
}

impl Default for LanguageThresholds {
    /// Defaults measured on the sentences in this module's tests (`assess_language` returns
    /// every share, so an operator can see them for any text). Vietnamese texts score a syllable share of
    /// 0.87–1.0, and 0.67 with three English brand words in nine; ordinary English, French,
    /// Spanish, German, Indonesian or Tagalog texts score 0.0–0.5. 0.6 lies between and
    /// tolerates about one foreign token in three. English made of short syllable-like words
    /// scores 0.64–0.88 but has no marked or common word at all (0.0), nor does French get
    /// above 0.15, while Vietnamese typed without diacritics scores 0.43–0.93 on common words
    /// and with diacritics 0.73–1.0: 0.3 separates them. A Vietnamese text rarely quotes
    /// another script, so a fifth of the letters is already generous; one word is enough to
    /// judge, because a blank text is reported as missing content instead.
    fn default() -> Self {
        Self {
            min_words: 1,
            min_syllable_share: 0.6,
            min_marked_or_common_share: 0.3,
            max_foreign_letter_share: 0.2,
        }
    }
}

/// What [`assess_language`] measured and decided; the shares explain a verdict to an operator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LanguageAssessment {
    /// Latin-script words judged (abbreviations, single consonants and numbers excluded).
    pub words: usize,
    /// Tokens skipped as abbreviations or single consonants ("UBND", "TP", "P").
    pub abbreviations: usize,
    /// Share of `words` that are well-formed Vietnamese syllables.
    pub syllable_share: f64,
    /// Share of `words` carrying Vietnamese diacritics.
    pub marked_share: f64,
    /// Share of `words` that are common Vietnamese words (compared folded).
    pub common_share: f64,
    /// Share of `words` that are marked or common (the evidence actually thresholded).
    pub marked_or_common_share: f64,
    /// Share of all letters that belong to non-Latin scripts.
    pub foreign_letter_share: f64,
    /// The verdict.
    pub is_vietnamese: bool,
}

/// Decides whether `text` is Vietnamese (Art. 6.1) with the heuristic in the module documentation.
///
/// NFC and NFD spellings of the same text get the same assessment.
pub fn assess_language(text: &str, thresholds: &LanguageThresholds) -> LanguageAssessment {
    // Not lowercased as a whole: only a word seen for the first time is (in WordVerdict).
    let text = text::nfc_cow(text);
    let Tally {
        latin_letters,
        foreign_letters,
        words,
        abbreviations,
        syllables,
        marked,
        common,
        marked_or_common,
    } = Tally::of(&text);

    let share = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            part as f64 / whole as f64
        }
    };
    let syllable_share = share(syllables, words);
    let marked_or_common_share = share(marked_or_common, words);
    let foreign_letter_share = share(foreign_letters, latin_letters + foreign_letters);
    let is_vietnamese = words > 0
        && words >= thresholds.min_words
        && foreign_letter_share <= thresholds.max_foreign_letter_share
        && syllable_share >= thresholds.min_syllable_share
        && marked_or_common_share >= thresholds.min_marked_or_common_share;
    LanguageAssessment {
        words,
        abbreviations,
        syllable_share,
        marked_share: share(marked, words),
        common_share: share(common, words),
        marked_or_common_share,
        foreign_letter_share,
        is_vietnamese,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::words::COMMON_WORDS;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn assess(text: &str) -> LanguageAssessment {
        assess_language(text, &LanguageThresholds::default())
    }

    /// Citizen-report-like Vietnamese: with and without diacritics, decomposed, capitals,
    /// street names, numbers, abbreviations, loanwords, links and phone numbers.
    const VIETNAMESE: &[&str] = &[
        "Đường Trần Hưng Đạo, phường 5 bị ngập nước sâu sau cơn mưa lớn chiều nay, xe máy chết \
         máy hàng loạt.",
        "Đèn đường trước nhà số 12 đường Lý Thường Kiệt bị hư hơn hai tuần nay, ban đêm rất tối \
         và nguy hiểm.",
        "Rác thải bị đổ bừa bãi ở đầu hẻm 45, bốc mùi hôi thối ảnh hưởng đến người dân xung \
         quanh.",
        "duong bi ngap nuoc qua troi, xe may khong chay duoc",
        "cong thoat nuoc o khom 3 bi tac lau roi, de nghi UBND phuong xu ly giup",
        "Trên QL1A đoạn qua xã Tân Thành có ổ gà rất lớn, đề nghị TP kiểm tra sửa chữa.",
        "Quán karaoke trong hẻm mở nhạc quá lớn đến 1 giờ sáng, người dân không ngủ được.",
        "Cây xanh trên đường Nguyễn Tất Thành bị gãy đổ, chắn ngang lối đi, đề nghị cơ quan chức \
         năng xử lý gấp.",
        "Sạt lở bờ sông Gành Hào, ấp 4, đe dọa nhà dân, cần di dời khẩn cấp!",
        "Có người lấn chiếm vỉa hè để buôn bán, gây cản trở giao thông tại khu vực chợ P.5.",
        "ong dan o khu pho 2 ko co nuoc sach de dung may ngay nay r",
        "Cống bị vỡ, nước thải tràn ra đường gây ô nhiễm môi trường nghiêm trọng.",
        "Xe tải chở cát làm rơi vãi đất cát trên đường, gây trơn trượt nguy hiểm cho người đi xe \
         máy.",
        "ĐƯỜNG BỊ NGẬP SÂU, ĐỀ NGHỊ XỬ LÝ GẤP",
        "Trụ điện nghiêng sắp đổ ngay trước cổng trường THCS Lý Văn Lâm, rất nguy hiểm cho học \
         sinh.",
        "Ngập nước",
        "Xem video tại https://youtu.be/abc123, liên hệ 0912 345 678 để biết thêm chi tiết.",
        "Hẻm 23 đường 3/2 (gần trường Tiểu học Kim Đồng) bị đào bới rồi bỏ đó, không ai hoàn trả \
         mặt đường.",
        "Den giao thong nga tu Ly Thuong Kiet - Tran Hung Dao bi hu, xe chay lon xon rat nguy \
         hiem",
        "Wifi công cộng ở công viên bị hỏng, camera an ninh cũng không hoạt động.",
        "Khu vực khóm 6, P. Tân Xuyên, TP. Cà Mau thường xuyên bị cúp điện vào buổi tối, đề nghị \
         Điện lực kiểm tra.",
        "Tình trạng đốt rác gây khói bụi ở ấp Cái Nước khiến trẻ em bị ho, mong chính quyền quan \
         tâm giải quyết.",
        "Nhà máy chế biến thủy sản xả nước thải chưa qua xử lý ra kênh xáng Phụng Hiệp, cá chết \
         nổi đầy.",
        "Có nhóm thanh niên tụ tập đua xe trái phép trên đường Phan Ngọc Hiển lúc 23h30 tối qua.",
        "Cầu khỉ bắc qua rạch ở ấp 3 đã mục nát, học sinh đi học rất nguy hiểm.",
        "Shop Fashion Lovely bán hàng lấn chiếm vỉa hè",
        "Cot dien nghieng tai Tran Hung Dao",
        "Kẹt xe",
        "tai nan",
        "Mất nước 3 ngày nay!!!",
    ];

    /// Not Vietnamese: English, French, Spanish, German, Indonesian, Chinese, Japanese, Korean,
    /// Khmer, Thai, Russian, spam, short English, and text without any word.
    const NOT_VIETNAMESE: &[&str] = &[
        "The street light in front of my house has been broken for two weeks",
        "The road near the market is flooded after heavy rain, please send someone to fix the \
         drainage.",
        "La rue devant chez moi est inondée depuis trois jours, merci d'intervenir rapidement.",
        "我家门前的路灯坏了两个星期了，晚上很危险。",
        "ផ្លូវនៅមុខផ្ទះខ្ញុំលិចទឹកយ៉ាងខ្លាំង",
        "ไฟถนนหน้าบ้านเสียมาสองสัปดาห์แล้ว",
        "click here to win a free iphone",
        "FREE MONEY!!! Visit www.win-big.example now and claim your prize",
        "La calle está inundada desde ayer por la tarde",
        "Die Straßenlaterne vor meinem Haus ist seit zwei Wochen kaputt",
        "Уличный фонарь перед моим домом не работает две недели",
        "우리 집 앞 가로등이 2주째 고장났어요",
        "家の前の街灯が壊れています",
        "Jalan di depan rumah saya banjir sejak kemarin sore",
        "It is not a big deal but the man can not go to the bank on time",
        "hello",
        "ok",
        "123 456 789",
        "https://example.com/abc",
        "Buy cheap viagra online, best price guaranteed!!!",
        "Đây là 广告 免费领取 iPhone 最新款 点击链接",
        "Please fix the road at Tran Hung Dao street, Ca Mau",
        "I am at home so do not go",
        "wo jia men qian de lu deng huai le liang ge xing qi",
        "Ang daan ay baha na naman",
        "help me",
    ];

    #[test]
    fn vietnamese_sentences_are_vietnamese() {
        for sentence in VIETNAMESE {
            let assessment = assess(sentence);
            assert!(assessment.is_vietnamese, "{sentence:?}: {assessment:?}");
        }
    }

    #[test]
    fn decomposed_vietnamese_sentences_are_vietnamese_with_the_same_assessment() {
        for sentence in VIETNAMESE.iter().chain(NOT_VIETNAMESE) {
            assert_eq!(assess(&nfd(sentence)), assess(sentence), "{sentence:?}");
        }
    }

    #[test]
    fn other_languages_and_spam_are_not_vietnamese() {
        for sentence in NOT_VIETNAMESE {
            let assessment = assess(sentence);
            assert!(!assessment.is_vietnamese, "{sentence:?}: {assessment:?}");
        }
    }

    #[test]
    fn half_vietnamese_half_english_is_refused_by_default_but_thresholds_can_admit_it() {
        let bilingual = "Đường bị ngập. The road is flooded.";
        assert!(!assess(bilingual).is_vietnamese);
        let lenient = LanguageThresholds {
            min_syllable_share: 0.5,
            ..LanguageThresholds::default()
        };
        assert!(assess_language(bilingual, &lenient).is_vietnamese);
    }

    #[test]
    fn min_words_threshold_refuses_short_texts_when_raised() {
        let strict = LanguageThresholds {
            min_words: 3,
            ..LanguageThresholds::default()
        };
        assert!(assess("Ngập nước").is_vietnamese);
        assert!(!assess_language("Ngập nước", &strict).is_vietnamese);
        assert!(assess_language("Đường ngập nước", &strict).is_vietnamese);
    }

    #[test]
    fn text_without_words_is_not_vietnamese_and_has_no_nan_shares() {
        for text in [
            "",
            "   ",
            "123",
            "!!! ???",
            "https://cổng.vn/ngập-nước",
            "UBND TP",
        ] {
            let assessment = assess(text);
            assert_eq!(assessment.words, 0, "{text:?}");
            assert!(!assessment.is_vietnamese, "{text:?}");
            assert_eq!(assessment.syllable_share, 0.0);
            assert_eq!(assessment.marked_or_common_share, 0.0);
            assert_eq!(assessment.foreign_letter_share, 0.0);
        }
    }

    #[test]
    fn numbers_codes_links_and_emails_are_not_words() {
        let assessment =
            assess("Ngập nước QL1A 15h30 0912345678 https://youtu.be/xyz dan@example.com");
        assert_eq!(assessment.words, 2);
        assert_eq!(assessment.abbreviations, 0);
        assert!(assessment.is_vietnamese);
    }

    #[test]
    fn abbreviations_and_single_consonants_are_skipped_not_counted() {
        let assessment = assess("UBND P.5 TP. Cà Mau, KP 3, CSGT ko xử lý");
        assert_eq!(assessment.abbreviations, 6);
        assert_eq!(assessment.words, 4);
        assert_eq!(assessment.syllable_share, 1.0);
        assert!(assessment.is_vietnamese);
    }

    #[test]
    fn a_little_foreign_script_is_tolerated() {
        let assessment = assess("Quán ăn 福 lấn chiếm vỉa hè gây cản trở giao thông");
        assert!(assessment.foreign_letter_share > 0.0);
        assert!(assessment.foreign_letter_share < 0.1);
        assert!(assessment.is_vietnamese);
    }

    #[test]
    fn mostly_foreign_script_is_refused_even_with_vietnamese_words() {
        let assessment = assess("Đây là 广告 免费领取 最新款 点击链接");
        assert_eq!(assessment.syllable_share, 1.0);
        assert!(assessment.foreign_letter_share > 0.5);
        assert!(!assessment.is_vietnamese);
    }

    #[test]
    fn a_highland_place_name_only_lowers_a_sentence_s_syllable_share() {
        // Known limit: "Đắk Lắk" is not a syllable by the rhyme table (pinned in `words`); one
        // such word in a sentence only lowers its syllable share.
        assert!(assess("Xe khách từ Đắk Lắk về Cà Mau bị hư giữa đường").is_vietnamese);
    }

    proptest! {
        #[test]
        fn assessment_never_panics_and_shares_are_proportions(text in "\\PC{0,80}") {
            let assessment = assess(&text);
            for share in [
                assessment.syllable_share,
                assessment.marked_share,
                assessment.common_share,
                assessment.marked_or_common_share,
                assessment.foreign_letter_share,
            ] {
                prop_assert!((0.0..=1.0).contains(&share));
            }
            prop_assert_eq!(assess(&nfd(&text)), assessment);
        }

        #[test]
        fn unmarked_common_words_read_as_vietnamese(
            words in prop::collection::vec(prop::sample::select(COMMON_WORDS), 1..20)
        ) {
            prop_assert!(assess(&words.join(" ")).is_vietnamese);
        }
    }
}
