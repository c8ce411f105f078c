//! Outline × outline → pairs of corresponding blocks.
//!
//! Alignment is hierarchical: top-level blocks are paired first, then the children of
//! each pair, down to leaf blocks (headings and paragraphs), whose text the differ compares.

use crate::outline::{Block, Outline};
use serde::{Deserialize, Serialize};

/// How the blocks of a pair correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// Same text (under the comparison options), same place.
    Identical,
    /// Corresponding blocks whose text differs.
    Modified,
    /// Corresponding blocks at a different position relative to their neighbours.
    Moved,
    /// Several left blocks correspond to one right block.
    Merged,
    /// One left block corresponds to several right blocks.
    Split,
    /// A left block with no counterpart.
    LeftOnly,
    /// A right block with no counterpart.
    RightOnly,
}

/// One node of the alignment: blocks of the left outline paired with blocks of the right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// How the blocks correspond.
    pub kind: PairKind,
    /// Ids of the left blocks (empty for [`PairKind::RightOnly`]), in document order.
    pub left: Vec<u32>,
    /// Ids of the right blocks (empty for [`PairKind::LeftOnly`]), in document order.
    pub right: Vec<u32>,
    /// Content similarity in [0, 1].
    pub similarity: f32,
    /// Pairs among the children of these blocks.
    pub children: Vec<Link>,
}

/// Pairs the blocks of two outlines of `left_text` and `right_text`.
///
/// The result lists links in reading order: by left position, with right-only links placed
/// after the link of their nearest preceding right neighbour.
pub fn align(left_text: &str, left: &Outline, right_text: &str, right: &Outline) -> Vec<Link> {
    // Placeholder until the real aligner lands: pair blocks in order.
    pair_in_order(left_text, &left.blocks, right_text, &right.blocks)
}

fn pair_in_order(left_text: &str, left: &[Block], right_text: &str, right: &[Block]) -> Vec<Link> {
    let n = left.len().max(right.len());
    (0..n)
        .map(|i| match (left.get(i), right.get(i)) {
            (Some(l), Some(r)) => {
                let same = left_text.get(l.bytes.clone()) == right_text.get(r.bytes.clone());
                Link {
                    kind: if same {
                        PairKind::Identical
                    } else {
                        PairKind::Modified
                    },
                    left: vec![l.id],
                    right: vec![r.id],
                    similarity: if same { 1.0 } else { 0.5 },
                    children: Vec::new(),
                }
            }
            (Some(l), None) => Link {
                kind: PairKind::LeftOnly,
                left: vec![l.id],
                right: Vec::new(),
                similarity: 0.0,
                children: Vec::new(),
            },
            (None, Some(r)) => Link {
                kind: PairKind::RightOnly,
                left: Vec::new(),
                right: vec![r.id],
                similarity: 0.0,
                children: Vec::new(),
            },
            (None, None) => unreachable!("i < max(len)"),
        })
        .collect()
}
