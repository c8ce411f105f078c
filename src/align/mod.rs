//! Outline × outline → pairs of corresponding blocks.
//!
//! Alignment is hierarchical: top-level blocks are paired first, then the children of
//! each pair, down to leaf blocks (headings and paragraphs), whose text the differ compares.

mod chain;
mod level;
mod profile;
mod rescue;
mod tree;

use crate::outline::Outline;
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
/// Alignment is hierarchical: top-level blocks are paired first, then the children of each
/// pair, down to leaves. Pairs follow content, not numbers, so renumbered, reordered, merged,
/// split and re-levelled sections still find each other; see `docs/align.md`.
///
/// The result lists links in reading order: by left position, with right-only links placed
/// after the link of their nearest preceding right neighbour (and after any left-only links
/// that follow it). Aligning the other way round gives the mirror image: left and right
/// swapped, [`PairKind::Merged`] ↔ [`PairKind::Split`], [`PairKind::LeftOnly`] ↔
/// [`PairKind::RightOnly`].
pub fn align(left_text: &str, left: &Outline, right_text: &str, right: &Outline) -> Vec<Link> {
    let (l, r) = tree::build(left_text, left, right_text, right);
    let mut aligner = level::Aligner::new(l, r);
    let links = aligner.run();
    aligner.rescue(links)
}
