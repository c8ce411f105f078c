//! Ranges into the original text, in the unit JavaScript indexes strings by.
//!
//! Rust slices strings by UTF-8 byte; JavaScript's `String.prototype.slice` counts UTF-16
//! code units. Everything the core reports crosses to JavaScript, so every public range is
//! in UTF-16 code units of the *original* text, while the stages work on byte ranges and
//! convert once, through [`Utf16Index`], when they build their output.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open range `[start, end)` in UTF-16 code units of an original text.
///
/// `text.slice(start, end)` in JavaScript gives the covered text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First code unit.
    pub start: u32,
    /// One past the last code unit.
    pub end: u32,
}

impl Span {
    /// The span `[start, end)`.
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// Length in UTF-16 code units.
    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// Converts UTF-8 byte offsets of one text into UTF-16 code-unit offsets.
///
/// Built once per text in O(n); each lookup is a binary search over the non-ASCII
/// characters only, so mostly-ASCII text costs almost nothing and Chinese text costs
/// one entry per character.
#[derive(Debug, Clone)]
pub struct Utf16Index {
    /// For each non-ASCII char: (byte offset just after it, UTF-16 offset just after it).
    checkpoints: Vec<(usize, u32)>,
    byte_len: usize,
}

impl Utf16Index {
    /// Indexes `text`.
    pub fn new(text: &str) -> Utf16Index {
        let mut checkpoints = Vec::new();
        let mut units = 0u32;
        for (byte, ch) in text.char_indices() {
            units += ch.len_utf16() as u32;
            if !ch.is_ascii() {
                checkpoints.push((byte + ch.len_utf8(), units));
            }
        }
        Utf16Index {
            checkpoints,
            byte_len: text.len(),
        }
    }

    /// The UTF-16 offset of byte offset `byte` (clamped to the text; a byte inside a
    /// character maps to the start of the next character boundary's count).
    pub fn at(&self, byte: usize) -> u32 {
        let byte = byte.min(self.byte_len);
        // The last checkpoint at or before `byte`, then ASCII bytes count one unit each.
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte);
        match i.checked_sub(1).and_then(|j| self.checkpoints.get(j)) {
            Some((b, units)) => units + (byte - b) as u32,
            None => byte as u32,
        }
    }

    /// The UTF-16 span of a byte range.
    pub fn span(&self, bytes: &Range<usize>) -> Span {
        Span::new(self.at(bytes.start), self.at(bytes.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_units_like_javascript() {
        let text = "a一、b😀c";
        let index = Utf16Index::new(text);
        assert_eq!(index.at(0), 0);
        assert_eq!(index.at(1), 1); // after "a"
        assert_eq!(index.at(4), 2); // after "一"
        assert_eq!(index.at(7), 3); // after "、"
        assert_eq!(index.at(8), 4); // after "b"
        assert_eq!(index.at(12), 6); // after the emoji: a surrogate pair
        assert_eq!(index.at(13), 7);
        assert_eq!(index.at(99), 7);
        assert_eq!(index.span(&(1..7)), Span::new(1, 3));
    }
}
