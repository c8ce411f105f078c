//! Text × text → the edits that turn the left text into the right.

use crate::options::CompareOptions;
use serde::{Deserialize, Serialize};
use similar::Algorithm;
use std::ops::Range;

/// What an edit does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditKind {
    /// Text present on both sides (equal under the comparison options).
    Equal,
    /// Text only on the left.
    Delete,
    /// Text only on the right.
    Insert,
}

/// One edit, with byte ranges into the two texts that were diffed.
///
/// Equal and deleted ranges concatenate to the left text; equal and inserted ranges
/// concatenate to the right text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// What the edit does.
    pub kind: EditKind,
    /// Bytes of the left text (empty for inserts).
    pub left: Range<usize>,
    /// Bytes of the right text (empty for deletes).
    pub right: Range<usize>,
}

/// The edits between two texts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextDiff {
    /// Edits in order.
    pub edits: Vec<Edit>,
    /// Whether the time budget ran out and a coarser diff was used.
    pub approximate: bool,
}

/// Diffs `left` against `right`.
pub fn diff_text(left: &str, right: &str, _options: &CompareOptions) -> TextDiff {
    // Placeholder until the real differ lands: a plain character diff.
    let l: Vec<(usize, char)> = left.char_indices().collect();
    let r: Vec<(usize, char)> = right.char_indices().collect();
    let lc: Vec<char> = l.iter().map(|c| c.1).collect();
    let rc: Vec<char> = r.iter().map(|c| c.1).collect();
    let byte = |v: &[(usize, char)], text: &str, i: usize| v.get(i).map_or(text.len(), |c| c.0);
    let ops = similar::capture_diff_slices(Algorithm::Myers, &lc, &rc);
    let mut edits = Vec::new();
    for op in ops {
        {
            let (tag, lr, rr) = op.as_tag_tuple();
            let left_bytes = byte(&l, left, lr.start)..byte(&l, left, lr.end);
            let right_bytes = byte(&r, right, rr.start)..byte(&r, right, rr.end);
            let kinds: &[EditKind] = match tag {
                similar::DiffTag::Equal => &[EditKind::Equal],
                similar::DiffTag::Delete => &[EditKind::Delete],
                similar::DiffTag::Insert => &[EditKind::Insert],
                similar::DiffTag::Replace => &[EditKind::Delete, EditKind::Insert],
            };
            for &kind in kinds {
                edits.push(Edit {
                    kind,
                    left: if kind == EditKind::Insert {
                        left_bytes.end..left_bytes.end
                    } else {
                        left_bytes.clone()
                    },
                    right: if kind == EditKind::Delete {
                        right_bytes.start..right_bytes.start
                    } else {
                        right_bytes.clone()
                    },
                });
            }
        }
    }
    TextDiff {
        edits,
        approximate: false,
    }
}
