//! Lines and whitespace: the text the other outline modules analyse.
//!
//! Notices arrive with every kind of space (NBSP, ideographic space U+3000, spaced-out titles
//! such as "通  知"), CR/LF mixes and invisible zero-width characters. Analysis works on a
//! normalised copy of each line, while every [`Line`] remembers its byte range in the original
//! text so blocks can point back at exactly what the user sees.

use crate::find::has_char;
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
    // Runs of visible characters are copied whole; only the gaps between them are decided
    // character by character.
    let mut run: Option<usize> = None;
    let mut pending_space = false;
    let flush = |out: &mut String, from: usize, to: usize| {
        out.push_str(raw.get(from..to).unwrap_or(""));
    };
    for (i, c) in raw.char_indices() {
        let space = c.is_whitespace();
        if space || is_invisible(c) {
            if let Some(from) = run.take() {
                flush(&mut out, from, i);
            }
            pending_space |= space && !out.is_empty();
            continue;
        }
        if run.is_none() {
            if pending_space && (!out.chars().next_back().is_some_and(is_wide) || !is_wide(c)) {
                out.push(' ');
            }
            pending_space = false;
            run = Some(i);
        }
    }
    if let Some(from) = run {
        flush(&mut out, from, raw.len());
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

/// Whether `raw` may contain whitespace or invisible characters, by its UTF-8 bytes: most
/// lines of a notice contain neither, and copying them is much cheaper than normalising
/// them character by character. Errs on the side of "may".
fn may_need_normalizing(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match b {
            0..=0x20 | 0xC2 => true,
            // U+1680
            0xE1 => next(1) == 0x9A,
            // U+2000..U+200F, U+2028, U+2029, U+202F, U+205F, U+2060
            0xE2 => matches!(
                (next(1), next(2)),
                (0x80, 0x80..=0x8F | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F | 0xA0)
            ),
            // U+3000
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            // U+FEFF
            0xEF => next(1) == 0xBB && next(2) == 0xBF,
            _ => false,
        }
    })
}

/// Line breaks other than \n.
const OTHER_BREAKS: [char; 6] = ['\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}'];

/// Whether `piece` holds one of [`OTHER_BREAKS`], by its UTF-8 bytes: one pass costs less
/// than a search per break (the last bytes of U+0085, U+2028 and U+2029 are common inside
/// Chinese characters) or than decoding every character.
fn has_other_break(piece: &str) -> bool {
    let bytes = piece.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        match b {
            b'\r' | 0x0B | 0x0C => true,
            // U+0085
            0xC2 => next(1) == 0x85,
            // U+2028, U+2029
            0xE2 => next(1) == 0x80 && matches!(next(2), 0xA8 | 0xA9),
            _ => false,
        }
    })
}

/// Splits `text` into its non-blank lines, in order.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut push = |range: Range<usize>| {
        let bytes = trim_range(text, range);
        let raw = text.get(bytes.clone()).unwrap_or("");
        if raw.is_empty() {
            return;
        }
        let normalized = if may_need_normalizing(raw) {
            normalize(raw)
        } else {
            raw.to_owned()
        };
        if normalized.is_empty() {
            return;
        }
        let (markdown, body) = strip_markdown(&normalized);
        let body = match markdown {
            0 => normalized,
            _ => body.to_owned(),
        };
        let compact = if has_char(&body, ' ') {
            body.replace(' ', "")
        } else {
            body.clone()
        };
        let chars = compact.chars().count();
        out.push(Line {
            bytes,
            text: body,
            compact,
            chars,
            markdown,
        });
    };
    // Almost every break is \n, found fast; the rest (\r, VT, FF, U+0085, U+2028, U+2029)
    // are looked for only inside pieces that contain them.
    let mut start = 0;
    for piece in text.split('\n') {
        let end = start + piece.len();
        if has_other_break(piece) {
            let mut from = start;
            for part in piece.split(OTHER_BREAKS) {
                push(from..from + part.len());
                // Every separator here is one character; step over it.
                let separator = text.get(from + part.len()..).and_then(|s| s.chars().next());
                from += part.len() + separator.map_or(0, char::len_utf8);
            }
        } else {
            push(start..end);
        }
        start = end + 1;
    }
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

    #[test]
    fn other_breaks_are_found_by_their_bytes() {
        for c in OTHER_BREAKS {
            for line in [
                String::from(c),
                format!("第一条{c}第二条"),
                format!("“通知”{c}"),
            ] {
                assert!(has_other_break(&line), "{line:?}");
            }
        }
        // Neighbours of the breaks' encodings: U+0084, U+00B7, U+2027, U+202A, U+201C.
        for line in [
            "\u{84}",
            "·",
            "\u{2027}",
            "\u{202A}",
            "“通知”",
            "第一条\t",
            "",
        ] {
            assert!(!has_other_break(line), "{line:?}");
        }
    }
}
