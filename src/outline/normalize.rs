//! Lines and whitespace: the text the other outline modules analyse.
//!
//! Notices arrive with every kind of space (NBSP, ideographic space U+3000, spaced-out titles
//! such as "通  知"), CR/LF mixes and invisible zero-width characters. Analysis works on a
//! normalised copy of each line, while every [`Line`] remembers its byte range in the original
//! text so blocks can point back at exactly what the user sees.

use std::ops::Range;

/// One non-blank line of the original text.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Byte range in the original text, trimmed of surrounding whitespace.
    pub bytes: Range<usize>,
    /// Normalised text: zero-width characters dropped, whitespace runs collapsed to one
    /// space, spaces between two wide (CJK) characters dropped, markdown `#` markers removed.
    pub text: String,
    /// `text` without any spaces, for matching keywords written with spaces ("联 系 人").
    pub compact: String,
    /// Number of characters in `compact`.
    pub chars: usize,
    /// Depth of a markdown heading marker (`## 第一章`), 0 when there is none.
    pub markdown: u8,
}

/// Characters that take no room on screen; they count as whitespace everywhere here.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Whitespace in the broad sense: Unicode White_Space (which covers NBSP and U+3000) plus
/// the invisible characters.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether `c` is set full-width in Chinese typography, so that a space next to another such
/// character is layout, not content ("通  知" is 通知; "Word 2019" keeps its space).
pub(crate) fn is_wide(c: char) -> bool {
    let u = c as u32;
    u >= 0x2E80 || (0x2010..=0x206F).contains(&u) || c == '\u{B7}'
}

/// Trims whitespace (in the broad sense) from both ends of `range` within `text`.
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start_matches(is_space).len());
    let end = range.start + slice.trim_end_matches(is_space).len();
    start..end.max(start)
}

/// Normalises a piece of text the way [`Line::text`] is normalised (without markdown handling).
pub(crate) fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut last: Option<char> = None;
    for c in raw.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = last.is_some();
            continue;
        }
        if pending_space {
            if !last.is_some_and(is_wide) || !is_wide(c) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// Joins normalised pieces the way a reader would read them as one line: no space between
/// wide characters, one space otherwise.
pub(crate) fn join(pieces: &[&str]) -> String {
    let mut out = String::new();
    for piece in pieces {
        if let (Some(a), Some(b)) = (out.chars().last(), piece.chars().next()) {
            if !is_wide(a) || !is_wide(b) {
                out.push(' ');
            }
        }
        out.push_str(piece);
    }
    out
}

/// Strips a markdown heading marker ("## 第一章") and returns its depth.
fn strip_markdown(text: &str) -> (u8, &str) {
    let hashes = text.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return (0, text);
    }
    match text.get(hashes..) {
        Some(rest) if rest.starts_with(' ') => (hashes as u8, rest.trim_start()),
        _ => (0, text),
    }
}

/// Splits `text` into its non-blank lines, in order.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |range: Range<usize>| {
        let bytes = trim_range(text, range);
        if bytes.is_empty() {
            return;
        }
        let normalized = normalize(text.get(bytes.clone()).unwrap_or(""));
        if normalized.is_empty() {
            return;
        }
        let (markdown, body) = strip_markdown(&normalized);
        let body = body.to_owned();
        let compact: String = body.chars().filter(|&c| c != ' ').collect();
        let chars = compact.chars().count();
        out.push(Line {
            bytes,
            text: body,
            compact,
            chars,
            markdown,
        });
    };
    for (i, c) in text.char_indices() {
        if is_line_break(c) {
            push(start..i);
            start = i + c.len_utf8();
        }
    }
    push(start..text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_between_wide_characters_are_layout() {
        assert_eq!(normalize("通  知"), "通知");
        assert_eq!(normalize("联 系 人:马\u{A0}\u{A0}莉"), "联系人:马莉");
        assert_eq!(normalize("　　一、总体要求　　"), "一、总体要求");
        assert_eq!(normalize("Word  2019\u{200B}年"), "Word 2019年");
    }

    #[test]
    fn lines_keep_original_ranges() {
        let text = "\u{FEFF} 标题\r\n\r\n\u{3000}正文\u{200B}\r第二行\n## 第一章 总则";
        let lines = lines(text);
        let got: Vec<(&str, &str, u8)> = lines
            .iter()
            .map(|l| (&text[l.bytes.clone()], l.text.as_str(), l.markdown))
            .collect();
        assert_eq!(
            got,
            vec![
                ("标题", "标题", 0),
                ("正文", "正文", 0),
                ("第二行", "第二行", 0),
                ("## 第一章 总则", "第一章总则", 2),
            ]
        );
    }
}
