//! The pipeline: two texts → outlines → aligned pairs → inline diffs → a [`Comparison`].
//!
//! The [`Comparison`] is the contract with every consumer (the page, the widget, the CLI's
//! `--json`): plain data, versioned by [`SCHEMA_VERSION`], documented in `docs/schema.md`.

use crate::align::{align, Link, PairKind};
use crate::diff::{diff_text, Edit, EditKind, TextDiff};
use crate::options::CompareOptions;
use crate::outline::{outline, Block, Outline};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use similar::Instant;
use std::ops::Range;
use std::time::Duration;

/// Version of the [`Comparison`] shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// One side of a comparison: its text and the structure recovered from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// The text compared, exactly as given. Every range on this side indexes into it.
    pub text: String,
    /// Its outline.
    pub outline: Outline,
}

/// One inline edit of a leaf pair, in UTF-16 code units of the two original texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    /// `equal`, `delete` or `insert`.
    pub kind: EditKind,
    /// Range in the left text (empty for inserts, placed where the insert happens).
    pub left: Span,
    /// Range in the right text (empty for deletes, placed where the delete happens).
    pub right: Span,
}

/// Character counts of what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stats {
    /// Characters present only on the right.
    pub inserted: u32,
    /// Characters present only on the left.
    pub deleted: u32,
    /// Characters present on both sides (of an equality whose sides differ under the
    /// options, the shorter side's count).
    pub unchanged: u32,
    /// Change runs: maximal runs of deletes and inserts, what a reader counts as "one change".
    pub changes: u32,
}

impl Stats {
    fn add(&mut self, other: Stats) {
        self.inserted += other.inserted;
        self.deleted += other.deleted;
        self.unchanged += other.unchanged;
        self.changes += other.changes;
    }
}

/// How many top-level pairs of each kind a comparison found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    /// Pairs with identical text.
    pub identical: u32,
    /// Pairs whose text differs.
    pub modified: u32,
    /// Pairs that changed position.
    pub moved: u32,
    /// Several left blocks joined into one right block.
    pub merged: u32,
    /// One left block divided into several right blocks.
    pub split: u32,
    /// Left blocks with no counterpart (removed).
    pub left_only: u32,
    /// Right blocks with no counterpart (added).
    pub right_only: u32,
}

/// A node of the pair tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// How the blocks correspond.
    pub kind: PairKind,
    /// Ids of the left blocks, in document order (empty when right-only).
    pub left: Vec<u32>,
    /// Ids of the right blocks, in document order (empty when left-only).
    pub right: Vec<u32>,
    /// The range covering the left blocks, when there are any.
    pub left_range: Option<Span>,
    /// The range covering the right blocks, when there are any.
    pub right_range: Option<Span>,
    /// Similarity of the paired content in [0, 1].
    pub similarity: f32,
    /// Inline edits; filled for leaf pairs (no children), empty otherwise.
    pub ops: Vec<Op>,
    /// Character counts over this pair and its descendants.
    pub stats: Stats,
    /// Whether the time budget ran out while diffing this pair.
    pub approximate: bool,
    /// Pairs among the children of these blocks.
    pub children: Vec<Pair>,
}

/// The full result of comparing two notices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The left notice.
    pub left: Side,
    /// The right notice.
    pub right: Side,
    /// The top-level pairs in reading order.
    pub pairs: Vec<Pair>,
    /// Character counts over the whole comparison.
    pub stats: Stats,
    /// Top-level pair counts by kind.
    pub counts: Counts,
    /// Overall similarity in [0, 1]: unchanged characters over all characters compared.
    pub similarity: f32,
    /// Whether any pair was diffed approximately because the time budget ran out.
    pub approximate: bool,
}

/// Compares two notices.
///
/// ```
/// let left = "一、元旦：1月1日放假。\n二、春节：2月10日至17日放假。";
/// let right = "一、春节：2月10日至17日放假调休。";
/// let comparison = notice_diff::compare(left, right, &Default::default());
/// assert_eq!(comparison.schema, 1);
/// assert!(comparison.similarity > 0.0 && comparison.similarity < 1.0);
/// ```
pub fn compare(left: &str, right: &str, options: &CompareOptions) -> Comparison {
    let left_outline = outline(left);
    let right_outline = outline(right);
    let links = align(left, &left_outline, right, &right_outline);
    // One budget for the whole comparison, not per pair: the page waits for all of it.
    let deadline = match options.time_budget_ms {
        0 => None,
        ms => Instant::now().checked_add(Duration::from_millis(u64::from(ms))),
    };
    let sides = Sides {
        left: SideView::new(left, &left_outline),
        right: SideView::new(right, &right_outline),
        options,
        deadline,
    };
    let pairs: Vec<Pair> = links.iter().map(|link| sides.pair(link)).collect();
    let mut stats = Stats::default();
    let mut counts = Counts::default();
    for pair in &pairs {
        stats.add(pair.stats);
        *count_of(&mut counts, pair.kind) += 1;
    }
    let total = stats.unchanged * 2 + stats.inserted + stats.deleted;
    let similarity = if total == 0 {
        1.0
    } else {
        (stats.unchanged * 2) as f32 / total as f32
    };
    Comparison {
        schema: SCHEMA_VERSION,
        approximate: pairs.iter().any(|p| p.approximate),
        left: Side {
            text: left.to_owned(),
            outline: left_outline,
        },
        right: Side {
            text: right.to_owned(),
            outline: right_outline,
        },
        pairs,
        stats,
        counts,
        similarity,
    }
}

fn count_of(counts: &mut Counts, kind: PairKind) -> &mut u32 {
    match kind {
        PairKind::Identical => &mut counts.identical,
        PairKind::Modified => &mut counts.modified,
        PairKind::Moved => &mut counts.moved,
        PairKind::Merged => &mut counts.merged,
        PairKind::Split => &mut counts.split,
        PairKind::LeftOnly => &mut counts.left_only,
        PairKind::RightOnly => &mut counts.right_only,
    }
}

/// One side's text with its blocks found by id.
///
/// There is no whole-text UTF-16 index here: every block already carries its range in both
/// units, so offsets inside a pair are counted forward from its blocks' starts ([`Units`]),
/// which costs the pair's own text once instead of an index of the whole document per
/// side (an entry per non-ASCII character: megabytes for a long notice).
struct SideView<'a> {
    text: &'a str,
    blocks: Vec<&'a Block>,
}

impl<'a> SideView<'a> {
    fn new(text: &'a str, outline: &'a Outline) -> SideView<'a> {
        let mut blocks: Vec<&Block> = outline.walk().collect();
        crate::sort::sort_by_key(&mut blocks, |b| b.id);
        SideView { text, blocks }
    }

    fn block(&self, id: u32) -> Option<&'a Block> {
        self.blocks
            .binary_search_by_key(&id, |b| b.id)
            .ok()
            .map(|i| self.blocks[i])
    }

    /// Byte ranges of the given blocks, in order.
    fn ranges(&self, ids: &[u32]) -> Vec<Range<usize>> {
        ids.iter()
            .filter_map(|&id| self.block(id))
            .map(|b| b.bytes.clone())
            .collect()
    }

    fn hull(&self, ids: &[u32]) -> Option<Span> {
        let blocks = ids.iter().filter_map(|&id| self.block(id));
        let (start, end) = blocks.fold(None, |hull, b| match hull {
            None => Some((b.range.start, b.range.end)),
            Some((start, end)) => Some((b.range.start.min(start), b.range.end.max(end))),
        })?;
        Some(Span::new(start, end))
    }

    /// A converter for byte offsets inside the given blocks.
    fn units(&self, ids: &[u32]) -> Units<'a> {
        let mut anchors: Vec<(usize, u32)> = ids
            .iter()
            .filter_map(|&id| self.block(id))
            .map(|b| (b.bytes.start, b.range.start))
            .collect();
        crate::sort::sort(&mut anchors);
        Units {
            text: self.text,
            cursor: anchors.first().copied().unwrap_or((0, 0)),
            anchors,
        }
    }
}

/// Byte offsets → UTF-16 offsets within a few blocks of one text, counted forward from the
/// nearest block start at or before the offset (or from where the last conversion ended,
/// when that is nearer), so converting a pair's edits in order reads its text once.
struct Units<'a> {
    text: &'a str,
    /// (byte offset, UTF-16 offset) of each block start, by byte offset.
    anchors: Vec<(usize, u32)>,
    cursor: (usize, u32),
}

impl Units<'_> {
    fn at(&mut self, byte: usize) -> u32 {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let i = self.anchors.partition_point(|&(b, _)| b <= byte);
        let anchor = i
            .checked_sub(1)
            .and_then(|j| self.anchors.get(j))
            .copied()
            .unwrap_or((0, 0));
        if byte < self.cursor.0 || anchor.0 > self.cursor.0 {
            self.cursor = anchor;
        }
        let (from, units) = self.cursor;
        let counted: u32 = self
            .text
            .get(from..byte)
            .map_or(0, |t| t.chars().map(|c| c.len_utf16() as u32).sum());
        self.cursor = (byte, units + counted);
        self.cursor.1
    }

    fn span(&mut self, bytes: &Range<usize>) -> Span {
        let start = self.at(bytes.start);
        Span::new(start, self.at(bytes.end))
    }
}

struct Sides<'a> {
    left: SideView<'a>,
    right: SideView<'a>,
    options: &'a CompareOptions,
    deadline: Option<Instant>,
}

impl Sides<'_> {
    fn pair(&self, link: &Link) -> Pair {
        let children: Vec<Pair> = link.children.iter().map(|l| self.pair(l)).collect();
        let mut stats = Stats::default();
        let mut approximate = false;
        let mut ops = Vec::new();
        if children.is_empty() {
            (ops, stats, approximate) = self.leaf_ops(link);
        } else {
            for child in &children {
                stats.add(child.stats);
                approximate |= child.approximate;
            }
        }
        Pair {
            kind: link.kind,
            left_range: self.left.hull(&link.left),
            right_range: self.right.hull(&link.right),
            left: link.left.clone(),
            right: link.right.clone(),
            similarity: link.similarity,
            ops,
            stats,
            approximate,
            children,
        }
    }

    /// Inline edits of a leaf pair. Several blocks on one side (merged, split) are diffed
    /// as one text, their ranges joined by a line break, and edits are cut back at the
    /// joins so each reported range lies inside one original block.
    fn leaf_ops(&self, link: &Link) -> (Vec<Op>, Stats, bool) {
        let left = Joined::new(self.left.text, self.left.ranges(&link.left));
        let right = Joined::new(self.right.text, self.right.ranges(&link.right));
        let (mut left_units, mut right_units) =
            (self.left.units(&link.left), self.right.units(&link.right));
        let diff = if link.left.is_empty() || link.right.is_empty() {
            // One side only: all of it was added or removed. Diffing it against nothing
            // would let the options (ignored whitespace, punctuation) call parts "equal".
            one_sided(&left.text, &right.text)
        } else {
            diff_text(&left.text, &right.text, self.options, self.deadline)
        };
        let mut ops = Vec::new();
        let mut stats = Stats::default();
        let chars = |text: &str, range: &Range<usize>| {
            text.get(range.clone())
                .map_or(0, |t| t.chars().count() as u32)
        };
        // The ops of the current run of changes, held back until it ends to be anchored.
        let mut run: Vec<Op> = Vec::new();
        // Where the current run starts on the left (joined text), for its insert's anchor.
        let mut run_left: Option<usize> = None;
        for edit in diff.edits {
            let mut edit_left = edit.left.clone();
            match edit.kind {
                EditKind::Equal => {
                    push_run(&mut ops, &mut run, &mut stats);
                    run_left = None;
                }
                EditKind::Delete => run_left = Some(edit.left.start),
                // `diff_text` anchors an insert where its run's delete ends. When the
                // delete was only the line break that joins two blocks, it leaves no op, and
                // that end is the start of the next block, while compare(b, a) anchors the
                // same change at the end of the previous one (a delete is anchored where
                // its run starts). With no deleted text to stand after, the insert goes
                // where the run starts too, so both directions agree.
                EditKind::Insert if !run.iter().any(|op| op.kind == EditKind::Delete) => {
                    let at = run_left.unwrap_or(edit.left.start);
                    edit_left = at..at;
                }
                EditKind::Insert => {}
            }
            for (l, r) in left.cut(&edit_left, &right, &edit.right) {
                match edit.kind {
                    // Under the folding options the two sides of an equality can differ in
                    // length (an ignored space); the shorter side is what both share, and
                    // counting it keeps compare(b, a) the mirror of compare(a, b).
                    EditKind::Equal => {
                        stats.unchanged += chars(self.left.text, &l).min(chars(self.right.text, &r))
                    }
                    EditKind::Delete => stats.deleted += chars(self.left.text, &l),
                    EditKind::Insert => stats.inserted += chars(self.right.text, &r),
                }
                let op = Op {
                    kind: edit.kind,
                    left: left_units.span(&l),
                    right: right_units.span(&r),
                };
                if op.left.is_empty() && op.right.is_empty() {
                    continue;
                }
                if op.kind == EditKind::Equal {
                    ops.push(op);
                } else {
                    run.push(op);
                }
            }
        }
        push_run(&mut ops, &mut run, &mut stats);
        (ops, stats, diff.approximate)
    }
}

/// Ends a run of changes: anchors its deletes and appends its ops, counting it as a change.
///
/// A delete is anchored on the right where the run's inserted text starts. `diff_text`
/// puts it where the run starts, which is the same place unless the run starts with the
/// line break that joins two blocks: then it is the end of the previous block, while the
/// inserted text (and so compare(b, a), which anchors there the other way round) starts in
/// the next one.
fn push_run(ops: &mut Vec<Op>, run: &mut Vec<Op>, stats: &mut Stats) {
    if run.is_empty() {
        return;
    }
    let inserted_from = run
        .iter()
        .find(|op| op.kind == EditKind::Insert && !op.right.is_empty())
        .map(|op| op.right.start);
    if let Some(at) = inserted_from {
        for op in run.iter_mut().filter(|op| op.kind == EditKind::Delete) {
            op.right = Span::new(at, at);
        }
    }
    // Change runs are counted on the ops a reader sees: changes that only an invisible
    // join separates are one run, and a run of nothing but join breaks is none.
    if !matches!(ops.last(), Some(op) if op.kind != EditKind::Equal) {
        stats.changes += 1;
    }
    ops.append(run);
}

/// The edit script of a pair with blocks on one side only: one delete or one insert.
fn one_sided(left: &str, right: &str) -> TextDiff {
    let (kind, left, right) = if right.is_empty() {
        (EditKind::Delete, 0..left.len(), 0..0)
    } else {
        (EditKind::Insert, 0..0, 0..right.len())
    };
    TextDiff {
        edits: vec![Edit { kind, left, right }],
        approximate: false,
    }
}

/// Several byte ranges of one text, joined by `'\n'` into one string for the differ.
struct Joined {
    text: String,
    /// For each piece: (start in `text`, range in the original).
    pieces: Vec<(usize, Range<usize>)>,
}

impl Joined {
    fn new(original: &str, ranges: Vec<Range<usize>>) -> Joined {
        let mut text = String::new();
        let mut pieces = Vec::new();
        for range in ranges {
            if !text.is_empty() {
                text.push('\n');
            }
            pieces.push((text.len(), range.clone()));
            text.push_str(original.get(range).unwrap_or(""));
        }
        Joined { text, pieces }
    }

    /// Maps a range of the joined text to original ranges, one per piece it touches.
    fn map(&self, range: &Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for (start, original) in &self.pieces {
            let end = start + original.len();
            let lo = range.start.max(*start);
            let hi = range.end.min(end);
            if lo < hi || (range.is_empty() && range.start >= *start && range.start <= end) {
                let lo = lo.min(hi);
                out.push(original.start + lo - start..original.start + hi - start);
                if range.is_empty() {
                    break;
                }
            }
        }
        if out.is_empty() {
            // Empty side or a range entirely inside a join: anchor at the nearest piece end.
            let at = self
                .pieces
                .iter()
                .take_while(|(start, _)| *start <= range.start)
                .last()
                .map_or(0, |(_, original)| original.end);
            out.push(at..at);
        }
        out
    }

    /// Maps an edit's two ranges to original ranges, pairing pieces side by side; when
    /// one side spans more pieces, the other side's extra slots are empty at its end.
    fn cut(
        &self,
        left: &Range<usize>,
        right: &Joined,
        right_range: &Range<usize>,
    ) -> Vec<(Range<usize>, Range<usize>)> {
        let l = self.map(left);
        let r = right.map(right_range);
        let n = l.len().max(r.len());
        (0..n).map(|i| (slot(&l, i), slot(&r, i))).collect()
    }
}

/// Range `i` of `ranges`, or an empty range at the end of the last one past them.
fn slot(ranges: &[Range<usize>], i: usize) -> Range<usize> {
    ranges.get(i).cloned().unwrap_or_else(|| {
        let end = ranges.last().map_or(0, |x| x.end);
        end..end
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Utf16Index;

    /// Counting from block starts gives what a whole-text index gives, whatever order the
    /// offsets come in, with surrogate pairs and offsets before, inside and between blocks.
    #[test]
    fn units_agree_with_a_whole_text_index() {
        let text = "一、关于😀的通知 abc\n\n（一）放假😀😀3天。\n\n二、其他 mixed 𠀀 text.\n";
        let tree = outline(text);
        let view = SideView::new(text, &tree);
        let index = Utf16Index::new(text);
        let ids: Vec<u32> = tree.walk().map(|b| b.id).collect();
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        for subset in [&ids[..], &ids[ids.len() / 2..], &[][..]] {
            let mut units = view.units(subset);
            for &b in boundaries.iter().chain(boundaries.iter().rev()).step_by(3) {
                assert_eq!(units.at(b), index.at(b), "byte {b}");
            }
        }
    }
}
