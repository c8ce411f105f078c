//! Outline × outline → pairs of corresponding blocks.
//!
//! Alignment is hierarchical: top-level blocks are paired first, then the children of
//! each pair, down to leaf blocks (headings and paragraphs), whose text the differ compares.
//! `docs/align.md` explains the method; the modules are:
//! - `profile`: what a block says, as weighted character bigrams, and similarities;
//! - `tree`: an outline flattened, with a profile per block;
//! - `chain`: the heaviest chain of pairs in document order (weighted LIS);
//! - `level`: aligning two lists of siblings, then their children;
//! - `rescue`: a last pass pairing blocks left alone under different parents.

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
    /// Same text once runs of whitespace are collapsed, same place.
    Identical,
    /// Corresponding blocks whose text differs.
    Modified,
    /// Corresponding blocks at a different position relative to their neighbours (the text
    /// may also differ: see the similarity).
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
    /// Content similarity in [0, 1]: 1 for identical blocks, at most 0.99 for blocks that
    /// differ, 0 for one-sided links.
    pub similarity: f32,
    /// Pairs among the children of these blocks. Empty for a leaf pair (the differ compares
    /// the whole texts) and for a one-sided block, unless some of its descendants were
    /// paired elsewhere: then it lists the rest.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::{Block, BlockKind};
    use crate::span::Utf16Index;

    /// A hand-built outline: one block per line; a line starting with `#` opens a section
    /// (its heading line, then the indented lines below it as paragraphs).
    fn outline_of(text: &str) -> Outline {
        let index = Utf16Index::new(text);
        let mut blocks: Vec<Block> = Vec::new();
        let mut next = 0u32;
        let mut at = 0;
        let block = |kind, bytes: std::ops::Range<usize>, level, id: &mut u32| {
            let b = Block {
                id: *id,
                kind,
                level,
                label: None,
                ordinal: None,
                heading: None,
                range: index.span(&bytes),
                bytes,
                children: Vec::new(),
            };
            *id += 1;
            b
        };
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end();
            let bytes = at..at + line.len();
            at += raw.len();
            if let Some(heading) = line.strip_prefix('#') {
                let mut section = block(BlockKind::Section, bytes.clone(), 0, &mut next);
                section.heading = Some(heading.trim().to_owned());
                section
                    .children
                    .push(block(BlockKind::Heading, bytes, 1, &mut next));
                blocks.push(section);
            } else if let Some(body) = line.strip_prefix("  ") {
                let start = bytes.end - body.len();
                if let Some(section) = blocks.last_mut() {
                    let child = block(BlockKind::Paragraph, start..bytes.end, 1, &mut next);
                    section.bytes.end = bytes.end;
                    section.range = index.span(&section.bytes);
                    section.children.push(child);
                }
            } else if !line.is_empty() {
                blocks.push(block(BlockKind::Paragraph, bytes, 0, &mut next));
            }
        }
        Outline {
            title: None,
            blocks,
            length: index.at(text.len()),
        }
    }

    fn run(left: &str, right: &str) -> Vec<Link> {
        align(left, &outline_of(left), right, &outline_of(right))
    }

    fn kinds(links: &[Link]) -> Vec<PairKind> {
        links.iter().map(|l| l.kind).collect()
    }

    #[test]
    fn replaced_paragraphs_read_as_deletion_then_insertion() {
        let left = "各单位要妥善安排好值班和安全保卫工作。\n遇有重大突发事件要按规定及时报告。\n确保人民群众祥和平安度过节日假期。\n";
        let right = "学校图书馆寒假期间闭馆，开馆时间另行通知。\n遇有重大突发事件要按规定及时报告。\n确保人民群众祥和平安度过节日假期。\n";
        let links = run(left, right);
        use PairKind::*;
        assert_eq!(
            kinds(&links),
            vec![LeftOnly, RightOnly, Identical, Identical]
        );
        assert_eq!(links[0].left, vec![0]);
        assert_eq!(links[1].right, vec![0]);
    }

    #[test]
    fn section_pairs_align_their_children() {
        let left = "# 一、加强组织领导\n  各级工会要把学习宣传贯彻工作列入重要议事日程。\n  要及时总结经验，认真研究解决新情况新问题。\n";
        let right = "# 二、加强组织领导\n  各级工会要把学习宣传贯彻工作列入重要议事日程。\n  要及时总结推广好的经验做法，研究解决新情况新问题。\n";
        let links = run(left, right);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].kind, PairKind::Modified);
        use PairKind::*;
        assert_eq!(
            kinds(&links[0].children),
            vec![Modified, Identical, Modified]
        );
        assert!(links[0].similarity > 0.5 && links[0].similarity < 1.0);
    }

    #[test]
    fn a_section_against_a_paragraph_is_a_leaf_pair() {
        // The numbering and the line breaks went; the text stayed.
        let left = "# 一、元旦：1月1日放假，与周末连休。\n";
        let right = "元旦：1月1日放假，与周末连休。\n";
        let links = run(left, right);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].left, vec![0]);
        assert_eq!(links[0].right, vec![0]);
        assert!(links[0].children.is_empty());
    }

    #[test]
    fn duplicated_paragraphs_pair_in_order_from_both_sides() {
        let p = "其他情节严重的情形。\n";
        let q = "致使乡镇集中式饮用水水源取水中断十二小时以上的。\n";
        let left = format!("{p}{q}{p}");
        let right = format!("{q}{p}{p}");
        let forward = run(&left, &right);
        let backward = run(&right, &left);
        let pairs = |links: &[Link], mirror: bool| {
            let mut v: Vec<(Vec<u32>, Vec<u32>)> = links
                .iter()
                .map(|l| {
                    if mirror {
                        (l.right.clone(), l.left.clone())
                    } else {
                        (l.left.clone(), l.right.clone())
                    }
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(pairs(&forward, false), pairs(&backward, true));
        assert!(forward
            .iter()
            .all(|l| !l.left.is_empty() && !l.right.is_empty()));
        assert_eq!(
            forward.iter().filter(|l| l.kind == PairKind::Moved).count(),
            1
        );
    }
}
