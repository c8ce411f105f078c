//! Sentences: the unit the aligner compares inside paired paragraphs, and the unit that
//! separates a run-in heading ("（一）深刻学习领会…精神。市委…") from its body.

use super::normalize::{is_space, trim_range};
use std::ops::Range;

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Closing quotes and brackets that belong to the sentence they follow ("…精神。”").
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '〕' | '〉' | '》' | ']' | '"' | '\''
    )
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Splits `text[bytes]` into sentences: at 。！？； (and ! ? ;), keeping closing quotes and
/// brackets with the sentence they close, and at line breaks. Each range is in bytes of
/// `text`, trimmed of whitespace; empty pieces are dropped. Out-of-range or mid-character
/// bounds are clamped to the nearest character boundary inside the text.
pub fn sentences(text: &str, bytes: Range<usize>) -> Vec<Range<usize>> {
    let clamp = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let start = clamp(bytes.start);
    let end = clamp(bytes.end).max(start);
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut push = |range: Range<usize>| {
        let trimmed = trim_range(text, range);
        if !trimmed.is_empty() {
            out.push(trimmed);
        }
    };
    let mut from = start;
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if is_break(c) {
            push(from..at);
            from = at + c.len_utf8();
        } else if is_terminator(c) {
            let mut stop = at + c.len_utf8();
            while let Some(&(j, next)) = chars.peek() {
                if is_terminator(next) || is_closer(next) {
                    stop = start + j + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push(from..stop);
            from = stop;
        }
    }
    push(from..end);
    out
}

/// The first sentence of a normalised line, for run-in headings: up to the first 。！？；or
/// colon outside brackets and quotes (《关于…：…》 does not end a heading). Returns the whole
/// text when there is no such break.
pub(crate) fn first_sentence(text: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '《' | '“' | '（' | '(' | '【' | '〔' | '「' | '‘' => depth += 1,
            '》' | '”' | '）' | ')' | '】' | '〕' | '」' | '’' => {
                depth = (depth - 1).max(0)
            }
            _ if depth == 0 && (is_terminator(c) || matches!(c, '：' | ':')) => {
                return text.get(..i + c.len_utf8()).unwrap_or(text);
            }
            _ => {}
        }
    }
    text
}

/// What stands for a heading of a paragraph that has none: its first sentence (up to 。！？；
/// outside brackets and quotes, without the punctuation), and when that runs past `max`
/// characters, its clauses up to the last comma or colon within `max` characters (or failing
/// that, up to the last 、) — or the first `max` characters, when no clause ends after a
/// quarter of them. A prefix of `text`.
pub(crate) fn lead(text: &str, max: usize) -> &str {
    let mut depth = 0i32;
    // Byte offset of the last clause break seen outside brackets, and its character count.
    let mut clause: Option<(usize, usize)> = None;
    // The same for enumeration commas (、), a second choice: they cut a list in two.
    let mut item: Option<(usize, usize)> = None;
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n >= max {
            let long_enough = |b: &Option<(usize, usize)>| b.filter(|&(_, chars)| chars * 4 >= max);
            let cut = long_enough(&clause)
                .or(long_enough(&item))
                .map_or(i, |(at, _)| at);
            return strip_end_punctuation(text.get(..cut).unwrap_or(text));
        }
        match c {
            '《' | '“' | '（' | '(' | '【' | '〔' | '「' | '‘' => depth += 1,
            '》' | '”' | '）' | ')' | '】' | '〕' | '」' | '’' => {
                depth = (depth - 1).max(0)
            }
            _ if depth == 0 && is_terminator(c) => {
                return strip_end_punctuation(text.get(..i).unwrap_or(text));
            }
            '，' | '：' | ',' | ':' if depth == 0 => clause = Some((i, n)),
            '、' if depth == 0 => item = Some((i, n)),
            _ => {}
        }
    }
    strip_end_punctuation(text)
}

/// `text` without trailing sentence punctuation and spaces, for heading text.
pub(crate) fn strip_end_punctuation(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        is_terminator(c) || is_space(c) || matches!(c, '：' | ':' | '，' | ',' | '、' | '.' | '．')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_at_terminators_and_breaks() {
        assert_eq!(
            split("要强化系统学习。全区各级工会；要“先学一步。”好吗？\n新行 "),
            vec![
                "要强化系统学习。",
                "全区各级工会；",
                "要“先学一步。”",
                "好吗？",
                "新行"
            ]
        );
        assert_eq!(split("What? Yes!! ok"), vec!["What?", "Yes!!", "ok"]);
        assert!(split("  \n ").is_empty());
    }

    #[test]
    fn bounds_are_clamped() {
        let text = "一。二";
        assert_eq!(sentences(text, 1..100), vec![3..6, 6..9]);
        assert_eq!(sentences(text, 50..60), Vec::<Range<usize>>::new());
        let (start, end) = (6, 3);
        assert_eq!(sentences(text, start..end), Vec::<Range<usize>>::new());
    }

    #[test]
    fn first_sentence_respects_brackets() {
        assert_eq!(
            first_sentence("深刻学习领会精神。市委书记"),
            "深刻学习领会精神。"
        );
        assert_eq!(
            first_sentence("《关于：印发》的通知：内容"),
            "《关于：印发》的通知："
        );
        assert_eq!(first_sentence("总体要求"), "总体要求");
        assert_eq!(strip_end_punctuation("总体要求。"), "总体要求");
    }

    #[test]
    fn lead_is_a_short_prefix() {
        // A short first sentence is the whole lead.
        assert_eq!(
            lead(
                "同意以深圳市名义申办运动会（以下简称运动会）。经费由省承担。",
                40
            ),
            "同意以深圳市名义申办运动会（以下简称运动会）"
        );
        // A long one is cut after its last clause within the limit…
        assert_eq!(
            lead("在国务院重大决策出台前，温家宝总理和有关领导同志都要召开座谈会，亲自听取社会各界人士和专家的意见和建议。", 40),
            "在国务院重大决策出台前，温家宝总理和有关领导同志都要召开座谈会"
        );
        // …or at the limit when its first clause is already too long.
        assert_eq!(
            lead("一二三四五六七八九十甲乙，丙丁", 8),
            "一二三四五六七八"
        );
        assert_eq!(lead("甲，乙丙丁戊己庚辛壬癸", 8), "甲，乙丙丁戊己庚");
        assert_eq!(lead("甲，乙丙、丁戊己庚辛壬癸", 8), "甲，乙丙");
        // Breaks inside brackets do not count.
        assert_eq!(lead("《关于：印发》。后文", 40), "《关于：印发》");
        assert_eq!(lead("", 40), "");
        assert_eq!(lead("感谢支持", 40), "感谢支持");
    }
}
