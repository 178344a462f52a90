//! Keyword suggestion of a report's field (lĩnh vực) for reception (Đ7.1.a: reception
//! classifies while receiving). Owns the scoring only; the operator decides.

use std::collections::HashSet;

use crate::domain::text::{contains_folded, fold};

/// A field with its keywords, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldKeywords {
    pub code: String,
    pub keywords: Vec<String>,
}

/// One field's score for a report, with the keywords that matched (so the operator sees why).
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub field: String,
    pub score: u32,
    pub matched: Vec<String>,
}

/// Points for the app's category hint naming a field: the citizen chose it, so it weighs as
/// much as two one-word keywords, but keywords found in the text can outweigh it.
pub const HINT_POINTS: u32 = 2;

/// Scores every field against the content, best first; fields with no match are left out.
/// A keyword scores its number of words, because "đèn giao thông" is more telling than
/// "đèn". Matching ignores case and diacritics and respects word boundaries.
pub fn suggest(content: &str, category_hint: &str, fields: &[FieldKeywords]) -> Vec<Suggestion> {
    Classifier::new(fields).suggest(content, category_hint)
}

/// The fields with their keywords folded once, for scoring many reports in a row.
pub struct Classifier {
    fields: Vec<(String, Vec<Keyword>)>,
}

struct Keyword {
    /// As configured, for the operator.
    text: String,
    folded: String,
    /// Its first word, which a text must hold as a whole word for the keyword to match (None
    /// when the keyword does not start with a letter or digit).
    first_word: Option<String>,
    words: u32,
}

impl Classifier {
    pub fn new(fields: &[FieldKeywords]) -> Classifier {
        Classifier {
            fields: fields
                .iter()
                .map(|field| {
                    let keywords = field
                        .keywords
                        .iter()
                        .map(|k| {
                            let folded = fold(k);
                            let first_word = folded
                                .split(|c: char| !c.is_alphanumeric())
                                .next()
                                .filter(|w| !w.is_empty())
                                .map(str::to_owned);
                            Keyword {
                                text: k.clone(),
                                words: folded.split(' ').count() as u32,
                                first_word,
                                folded,
                            }
                        })
                        .filter(|k| !k.folded.is_empty())
                        .collect();
                    (field.code.clone(), keywords)
                })
                .collect(),
        }
    }

    /// See [`suggest`].
    pub fn suggest(&self, content: &str, category_hint: &str) -> Vec<Suggestion> {
        let text = fold(content);
        // A keyword can only match where its first word stands whole: most keywords are
        // ruled out by one lookup instead of a search through the text.
        let words: HashSet<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let hint = category_hint.trim();
        let mut suggestions: Vec<Suggestion> = self
            .fields
            .iter()
            .filter_map(|(code, keywords)| {
                let mut score = 0;
                let mut matched = Vec::new();
                for keyword in keywords {
                    let possible = keyword
                        .first_word
                        .as_deref()
                        .is_none_or(|w| words.contains(w));
                    if possible && contains_folded(&text, &keyword.folded) {
                        score += keyword.words;
                        matched.push(keyword.text.clone());
                    }
                }
                if !hint.is_empty() && hint.eq_ignore_ascii_case(code) {
                    score += HINT_POINTS;
                    matched.push(format!("#{code}"));
                }
                (score > 0).then(|| Suggestion {
                    field: code.clone(),
                    score,
                    matched,
                })
            })
            .collect();
        suggestions.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.field.cmp(&b.field)));
        suggestions
    }
}

/// The suggestion to apply automatically: the best one, only when it is at least
/// `min_score` and strictly ahead of the runner-up (a tie is for a person to decide).
pub fn decisive(suggestions: &[Suggestion], min_score: u32) -> Option<&Suggestion> {
    let best = suggestions.first()?;
    let clear = suggestions
        .get(1)
        .is_none_or(|second| second.score < best.score);
    (best.score >= min_score && clear).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<FieldKeywords> {
        let f = |code: &str, kws: &[&str]| FieldKeywords {
            code: code.into(),
            keywords: kws.iter().map(|k| k.to_string()).collect(),
        };
        vec![
            f("GT", &["ổ gà", "đèn giao thông", "kẹt xe", "sụt lún"]),
            f("MT", &["rác", "rác thải", "mùi hôi", "nước thải"]),
            f("DIEN", &["mất điện", "dây điện", "đèn đường"]),
        ]
    }

    #[test]
    fn multiword_keywords_weigh_more_and_diacritics_do_not_matter() {
        let s = suggest(
            "Duong Ly Thuong Kiet co nhieu O GA, den giao thong hu",
            "",
            &fields(),
        );
        assert_eq!(s[0].field, "GT");
        assert_eq!(s[0].score, 2 + 3);
        assert_eq!(s[0].matched, vec!["ổ gà", "đèn giao thông"]);
    }

    #[test]
    fn keywords_match_whole_words_only() {
        // "rác" must not match inside "rạch" once folded ("rach"), nor "ga" inside "gas".
        let s = suggest("Bình gas ở kênh rạch", "", &fields());
        assert!(s.is_empty(), "{s:?}");
    }

    #[test]
    fn category_hint_adds_points() {
        let s = suggest("Có mùi hôi", "dien", &fields());
        // "mùi hôi" (two words) ties with the hint; ties list by code.
        let scores: Vec<(&str, u32)> = s.iter().map(|x| (x.field.as_str(), x.score)).collect();
        assert_eq!(scores, vec![("DIEN", HINT_POINTS), ("MT", 2)]);
        assert_eq!(decisive(&s, 1), None, "a tie is left to a person");
    }

    #[test]
    fn keywords_with_punctuation_still_match() {
        let fields = vec![FieldKeywords {
            code: "VT".into(),
            keywords: vec!["wi-fi".into(), "3G".into(), "-".into()],
        }];
        let s = suggest("Sóng wi-fi và 3g ở khóm 3 rất yếu", "", &fields);
        assert_eq!(s[0].matched, vec!["wi-fi", "3G"]);
    }

    #[test]
    fn decisive_needs_the_minimum() {
        let s = suggest("Mất điện cả khu phố, dây điện đứt", "", &fields());
        assert_eq!(decisive(&s, 4).map(|x| x.field.as_str()), Some("DIEN"));
        assert_eq!(decisive(&s, 5), None);
    }
}
