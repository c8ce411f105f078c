//! What every outline and every comparison must satisfy, whatever the input.
//!
//! Shared by the fuzz targets (`fuzz/fuzz_targets/`), the regression tests of hostile input
//! (`tests/hostile.rs`), the limits tests (`tests/limits.rs`) and the property tests: they
//! include this file with `#[path]`, so it depends on nothing but `notice_diff` and std.
//! A violated invariant panics with a message that names it, which is what libFuzzer and
//! proptest report and shrink.
//!
//! The invariants are the ones `docs/schema.md` promises to the page, the widget and the CLI:
//! every range lies inside its text and on a UTF-16 character boundary (never between the
//! two halves of a surrogate pair), a leaf pair's ops cover its blocks exactly, counts add
//! up, and `compare(b, a)` mirrors `compare(a, b)`.
#![allow(dead_code)]

use notice_diff::{
    compare, Block, CompareOptions, Comparison, EditKind, Op, Outline, Pair, PairKind, Span, Stats,
};
use std::collections::HashSet;

/// The UTF-16 offsets of every character boundary of `text`, ascending, from 0 to its length.
/// A JavaScript `slice` at any other offset would cut a surrogate pair in half.
pub fn boundaries(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut at = 0u32;
    out.push(0);
    for ch in text.chars() {
        at += ch.len_utf16() as u32;
        out.push(at);
    }
    out
}

/// One side's text with what checking its ranges needs.
pub struct Text<'a> {
    pub text: &'a str,
    pub boundaries: Vec<u32>,
    units: Vec<u16>,
    /// Byte offset of each boundary in `boundaries`.
    bytes: Vec<usize>,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str) -> Text<'a> {
        Text {
            text,
            boundaries: boundaries(text),
            units: text.encode_utf16().collect(),
            bytes: text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect(),
        }
    }

    /// Length in UTF-16 code units.
    pub fn len(&self) -> u32 {
        self.boundaries.last().copied().unwrap_or(0)
    }

    /// Panics unless `span` is ordered, inside the text and on character boundaries.
    pub fn check_span(&self, what: &dyn Fn() -> String, span: Span) {
        assert!(
            span.start <= span.end,
            "{}: span {}..{} is reversed",
            what(),
            span.start,
            span.end
        );
        assert!(
            span.end <= self.len(),
            "{}: span {}..{} ends past the text ({} UTF-16 units)",
            what(),
            span.start,
            span.end,
            self.len()
        );
        for at in [span.start, span.end] {
            assert!(
                self.boundaries.binary_search(&at).is_ok(),
                "{}: span {}..{} has an end at {at}, inside a character (a surrogate pair)",
                what(),
                span.start,
                span.end
            );
        }
    }

    /// The UTF-16 offset of a byte offset on a character boundary.
    pub fn unit_of_byte(&self, byte: usize) -> Option<u32> {
        let i = self.bytes.binary_search(&byte).ok()?;
        self.boundaries.get(i).copied()
    }

    /// The text a span covers, as JavaScript's `slice` would give it.
    pub fn slice(&self, span: Span) -> String {
        let units = &self.units;
        let start = (span.start as usize).min(units.len());
        let end = (span.end as usize).min(units.len()).max(start);
        String::from_utf16_lossy(&units[start..end])
    }

    /// Characters (Unicode scalar values) in a span, what `Stats` counts.
    pub fn chars(&self, span: Span) -> u32 {
        let lo = self.boundaries.partition_point(|&b| b < span.start);
        let hi = self.boundaries.partition_point(|&b| b < span.end);
        hi.saturating_sub(lo) as u32
    }
}

/// Panics unless `outline` is a well-formed outline of `text`.
pub fn check_outline(text: &str, outline: &Outline) {
    let side = Text::new(text);
    check_outline_of(&side, outline, "outline");
}

fn check_outline_of(side: &Text, outline: &Outline, name: &str) {
    assert_eq!(
        outline.length,
        side.len(),
        "{name}: length is not the text's UTF-16 length"
    );
    for (expected, block) in outline.walk().enumerate() {
        assert_eq!(
            block.id as usize, expected,
            "{name}: block ids are not assigned in pre-order from 0"
        );
    }
    check_siblings(side, &outline.blocks, 0, None, name);
}

fn check_siblings(side: &Text, blocks: &[Block], level: u8, parent: Option<Span>, name: &str) {
    let mut previous_end = parent.map_or(0, |p| p.start);
    for block in blocks {
        let what = || format!("{name}: block {} ({:?})", block.id, block.kind);
        side.check_span(&what, block.range);
        assert_eq!(block.level, level, "{}: wrong level", what());
        assert!(
            block.bytes.start <= block.bytes.end
                && block.bytes.end <= side.text.len()
                && side.text.is_char_boundary(block.bytes.start)
                && side.text.is_char_boundary(block.bytes.end),
            "{}: byte range {:?} is not a valid range of the text",
            what(),
            block.bytes
        );
        let units = |byte: usize| side.unit_of_byte(byte).unwrap_or(u32::MAX);
        assert_eq!(
            Span::new(units(block.bytes.start), units(block.bytes.end)),
            block.range,
            "{}: byte range {:?} and UTF-16 range disagree",
            what(),
            block.bytes
        );
        assert!(
            block.range.start >= previous_end,
            "{}: starts at {} before the end of its previous sibling or its parent's start ({previous_end})",
            what(),
            block.range.start
        );
        if let Some(parent) = parent {
            assert!(
                block.range.end <= parent.end,
                "{}: ends at {} past its parent's end {}",
                what(),
                block.range.end,
                parent.end
            );
        }
        previous_end = block.range.end;
        check_siblings(
            side,
            &block.children,
            level.saturating_add(1),
            Some(block.range),
            name,
        );
    }
}

/// What checking a comparison needs to know about how it was made.
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    /// Every `equal` op covers the same text on both sides (true when no option folds
    /// anything: whitespace, width, punctuation and numerals all compared as written).
    pub equal_is_verbatim: bool,
}

impl Expect {
    /// What the options promise.
    pub fn from(options: &CompareOptions) -> Expect {
        Expect {
            equal_is_verbatim: !options.ignore_whitespace
                && !options.fold_width
                && !options.ignore_punctuation
                && !options.fold_numerals,
        }
    }
}

struct Ctx<'a> {
    left: Text<'a>,
    right: Text<'a>,
    left_blocks: Vec<&'a Block>,
    right_blocks: Vec<&'a Block>,
    seen_left: HashSet<u32>,
    seen_right: HashSet<u32>,
    expect: Expect,
}

fn by_id(outline: &Outline) -> Vec<&Block> {
    let mut blocks: Vec<&Block> = outline.walk().collect();
    blocks.sort_by_key(|b| b.id);
    blocks
}

/// Compares `left` and `right` under `options` and checks the result (not its symmetry).
pub fn compare_checked(left: &str, right: &str, options: &CompareOptions) -> Comparison {
    let comparison = compare(left, right, options);
    check_comparison(left, right, &comparison, Expect::from(options));
    comparison
}

/// Panics unless `c` is a well-formed comparison of `left` and `right`.
pub fn check_comparison(left: &str, right: &str, c: &Comparison, expect: Expect) {
    assert_eq!(c.schema, notice_diff::SCHEMA_VERSION, "schema version");
    assert!(c.left.text == left, "left.text is not the left input");
    assert!(c.right.text == right, "right.text is not the right input");
    let mut ctx = Ctx {
        left: Text::new(left),
        right: Text::new(right),
        left_blocks: by_id(&c.left.outline),
        right_blocks: by_id(&c.right.outline),
        seen_left: HashSet::new(),
        seen_right: HashSet::new(),
        expect,
    };
    check_outline_of(&ctx.left, &c.left.outline, "left outline");
    check_outline_of(&ctx.right, &c.right.outline, "right outline");

    let mut stats = Stats::default();
    let mut kinds = Vec::new();
    for (i, pair) in c.pairs.iter().enumerate() {
        check_pair(&mut ctx, pair, &format!("pairs[{i}]"), None);
        stats = add(stats, pair.stats);
        kinds.push(pair.kind);
    }
    assert_eq!(
        c.stats, stats,
        "stats are not the sum of the top-level pairs'"
    );
    let count = |k: PairKind| kinds.iter().filter(|&&x| x == k).count() as u32;
    let counts = &c.counts;
    assert_eq!(
        [
            counts.identical,
            counts.modified,
            counts.moved,
            counts.merged,
            counts.split,
            counts.left_only,
            counts.right_only
        ],
        [
            count(PairKind::Identical),
            count(PairKind::Modified),
            count(PairKind::Moved),
            count(PairKind::Merged),
            count(PairKind::Split),
            count(PairKind::LeftOnly),
            count(PairKind::RightOnly)
        ],
        "counts do not match the top-level pairs' kinds"
    );
    check_similarity("similarity", c.similarity);
    let total =
        2 * u64::from(stats.unchanged) + u64::from(stats.inserted) + u64::from(stats.deleted);
    let expected = if total == 0 {
        1.0
    } else {
        (2 * u64::from(stats.unchanged)) as f64 / total as f64
    };
    assert!(
        (f64::from(c.similarity) - expected).abs() < 1e-4,
        "similarity {} is not 2·unchanged / (2·unchanged + inserted + deleted) = {expected}",
        c.similarity
    );
    assert_eq!(
        c.approximate,
        c.pairs.iter().any(|p| p.approximate),
        "approximate is not whether any pair is approximate"
    );
}

fn add(a: Stats, b: Stats) -> Stats {
    Stats {
        inserted: a.inserted + b.inserted,
        deleted: a.deleted + b.deleted,
        unchanged: a.unchanged + b.unchanged,
        changes: a.changes + b.changes,
    }
}

fn check_similarity(what: &str, similarity: f32) {
    assert!(
        similarity.is_finite() && (0.0..=1.0).contains(&similarity),
        "{what} {similarity} is not in [0, 1]"
    );
}

/// The byte-free view of a set of blocks: their ranges in the given order.
fn ranges(blocks: &[&Block], ids: &[u32], what: &str, side: &str) -> Vec<Span> {
    ids.iter()
        .map(|&id| {
            blocks
                .get(id as usize)
                .filter(|b| b.id == id)
                .unwrap_or_else(|| {
                    panic!("{what}: {side} block id {id} is not in the {side} outline")
                })
                .range
        })
        .collect()
}

/// Joins touching or overlapping spans and drops empty ones, so coverage can be compared
/// however it is cut.
fn coalesce(spans: impl IntoIterator<Item = Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for span in spans {
        if span.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if span.start <= last.end && span.start >= last.start => {
                last.end = last.end.max(span.end)
            }
            _ => out.push(span),
        }
    }
    out
}

fn check_pair(ctx: &mut Ctx, pair: &Pair, what: &str, parent: Option<(&Pair, &str)>) {
    let what = format!("{what} ({:?} {:?}↔{:?})", pair.kind, pair.left, pair.right);
    match pair.kind {
        PairKind::LeftOnly => assert!(
            !pair.left.is_empty() && pair.right.is_empty(),
            "{what}: a left_only pair has left blocks and no right block"
        ),
        PairKind::RightOnly => assert!(
            pair.left.is_empty() && !pair.right.is_empty(),
            "{what}: a right_only pair has right blocks and no left block"
        ),
        PairKind::Merged => assert!(
            pair.left.len() > 1 && !pair.right.is_empty(),
            "{what}: a merged pair joins several left blocks into right ones"
        ),
        PairKind::Split => assert!(
            !pair.left.is_empty() && pair.right.len() > 1,
            "{what}: a split pair divides left blocks into several right ones"
        ),
        _ => assert!(
            !pair.left.is_empty() && !pair.right.is_empty(),
            "{what}: a paired kind needs blocks on both sides"
        ),
    }
    check_similarity(&format!("{what}: similarity"), pair.similarity);
    for (ids, side) in [(&pair.left, "left"), (&pair.right, "right")] {
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "{what}: {side} ids are not in document order"
        );
        let seen = if side == "left" {
            &mut ctx.seen_left
        } else {
            &mut ctx.seen_right
        };
        for &id in ids.iter() {
            assert!(
                seen.insert(id),
                "{what}: {side} block {id} is in more than one pair"
            );
        }
    }
    let left = ranges(&ctx.left_blocks, &pair.left, &what, "left");
    let right = ranges(&ctx.right_blocks, &pair.right, &what, "right");
    let hull = |spans: &[Span]| -> Option<Span> {
        let start = spans.iter().map(|s| s.start).min()?;
        let end = spans.iter().map(|s| s.end).max()?;
        Some(Span::new(start, end))
    };
    assert_eq!(
        pair.left_range,
        hull(&left),
        "{what}: left_range is not the hull of its blocks"
    );
    assert_eq!(
        pair.right_range,
        hull(&right),
        "{what}: right_range is not the hull of its blocks"
    );
    if let Some((parent, parent_what)) = parent {
        for (child, outer, side) in [
            (pair.left_range, parent.left_range, "left"),
            (pair.right_range, parent.right_range, "right"),
        ] {
            if let (Some(c), Some(p)) = (child, outer) {
                assert!(
                    c.start >= p.start && c.end <= p.end,
                    "{what}: {side} range {c:?} is outside its parent {parent_what}'s {p:?}"
                );
            }
        }
    }

    if pair.children.is_empty() {
        // What has no counterpart was removed or added, all of it: nothing of it can be
        // "unchanged" (that would count it as common to both texts).
        let allowed = match pair.kind {
            PairKind::LeftOnly => Some(EditKind::Delete),
            PairKind::RightOnly => Some(EditKind::Insert),
            _ => None,
        };
        if let Some(allowed) = allowed {
            assert!(
                pair.ops.iter().all(|op| op.kind == allowed),
                "{what}: a one-sided pair has ops other than {allowed:?}: {:?}",
                pair.ops
            );
        }
        check_leaf(ctx, pair, &what, &left, &right);
    } else {
        assert!(
            pair.ops.is_empty(),
            "{what}: a pair with children carries ops"
        );
        let mut stats = Stats::default();
        for (i, child) in pair.children.iter().enumerate() {
            check_pair(
                ctx,
                child,
                &format!("{what}.children[{i}]"),
                Some((pair, &what)),
            );
            stats = add(stats, child.stats);
            assert!(
                pair.approximate || !child.approximate,
                "{what}: a child is approximate but the pair is not"
            );
        }
        assert_eq!(
            pair.stats, stats,
            "{what}: stats are not the sum of the children's"
        );
    }
}

fn check_leaf(ctx: &Ctx, pair: &Pair, what: &str, left: &[Span], right: &[Span]) {
    let mut stats = Stats::default();
    let mut in_change = false;
    let mut left_at = 0u32;
    let mut right_at = 0u32;
    for (i, op) in pair.ops.iter().enumerate() {
        let op_what = || format!("{what}: ops[{i}] {:?}", op);
        ctx.left.check_span(&op_what, op.left);
        ctx.right.check_span(&op_what, op.right);
        assert!(
            !(op.left.is_empty() && op.right.is_empty()),
            "{}: an op that covers nothing",
            op_what()
        );
        assert!(
            op.left.start >= left_at && op.right.start >= right_at,
            "{}: ops are not in text order on both sides",
            op_what()
        );
        left_at = op.left.end;
        right_at = op.right.end;
        match op.kind {
            EditKind::Equal => {
                // What both sides share: the shorter side of an equality (they differ in
                // length only under the folding options).
                stats.unchanged += ctx.left.chars(op.left).min(ctx.right.chars(op.right));
                if ctx.expect.equal_is_verbatim {
                    assert_eq!(
                        ctx.left.slice(op.left),
                        ctx.right.slice(op.right),
                        "{}: an equal op covers different text",
                        op_what()
                    );
                }
            }
            EditKind::Delete => {
                assert!(
                    op.right.is_empty(),
                    "{}: a delete with right text",
                    op_what()
                );
                stats.deleted += ctx.left.chars(op.left);
            }
            EditKind::Insert => {
                assert!(
                    op.left.is_empty(),
                    "{}: an insert with left text",
                    op_what()
                );
                stats.inserted += ctx.right.chars(op.right);
            }
        }
        let is_change = op.kind != EditKind::Equal;
        if is_change && !in_change {
            stats.changes += 1;
        }
        in_change = is_change;
        // Empty anchors of inserts and deletes sit inside the pair's hull on that side.
        for (span, hull, side) in [
            (op.left, pair.left_range, "left"),
            (op.right, pair.right_range, "right"),
        ] {
            if let Some(h) = hull {
                assert!(
                    span.start >= h.start && span.end <= h.end,
                    "{}: {side} span lies outside the pair's {side} range {h:?}",
                    op_what()
                );
            }
        }
    }
    let covered_left = coalesce(
        pair.ops
            .iter()
            .filter(|o| o.kind != EditKind::Insert)
            .map(|o| o.left),
    );
    let covered_right = coalesce(
        pair.ops
            .iter()
            .filter(|o| o.kind != EditKind::Delete)
            .map(|o| o.right),
    );
    assert_eq!(
        covered_left,
        coalesce(left.iter().copied()),
        "{what}: equal+delete ops do not cover the left blocks exactly"
    );
    assert_eq!(
        covered_right,
        coalesce(right.iter().copied()),
        "{what}: equal+insert ops do not cover the right blocks exactly"
    );
    assert_eq!(
        pair.stats, stats,
        "{what}: stats are not the character counts of its ops"
    );
}

/// `c` seen from the other side: what `compare(b, a)` must equal when `c = compare(a, b)`,
/// in the canonical order of [`canonical`].
pub fn mirror(c: &Comparison) -> Comparison {
    let mut m = Comparison {
        schema: c.schema,
        left: c.right.clone(),
        right: c.left.clone(),
        pairs: c.pairs.iter().map(mirror_pair).collect(),
        stats: mirror_stats(c.stats),
        counts: notice_diff::Counts {
            merged: c.counts.split,
            split: c.counts.merged,
            left_only: c.counts.right_only,
            right_only: c.counts.left_only,
            ..c.counts
        },
        similarity: c.similarity,
        approximate: c.approximate,
    };
    canonical(&mut m);
    m
}

fn mirror_stats(s: Stats) -> Stats {
    Stats {
        inserted: s.deleted,
        deleted: s.inserted,
        ..s
    }
}

fn mirror_kind(kind: PairKind) -> PairKind {
    match kind {
        PairKind::Merged => PairKind::Split,
        PairKind::Split => PairKind::Merged,
        PairKind::LeftOnly => PairKind::RightOnly,
        PairKind::RightOnly => PairKind::LeftOnly,
        other => other,
    }
}

fn mirror_pair(p: &Pair) -> Pair {
    Pair {
        kind: mirror_kind(p.kind),
        left: p.right.clone(),
        right: p.left.clone(),
        left_range: p.right_range,
        right_range: p.left_range,
        similarity: p.similarity,
        ops: p
            .ops
            .iter()
            .map(|o| Op {
                kind: match o.kind {
                    EditKind::Delete => EditKind::Insert,
                    EditKind::Insert => EditKind::Delete,
                    EditKind::Equal => EditKind::Equal,
                },
                left: o.right,
                right: o.left,
            })
            .collect(),
        stats: mirror_stats(p.stats),
        approximate: p.approximate,
        children: p.children.iter().map(mirror_pair).collect(),
    }
}

/// Puts what the schema leaves free into one order, so two comparisons that mean the same
/// compare equal: pairs are listed in *left* reading order (so swapping sides reorders
/// them), and inside a run of changes a delete and an insert may come in either order.
pub fn canonical(c: &mut Comparison) {
    canonical_pairs(&mut c.pairs);
}

fn canonical_pairs(pairs: &mut [Pair]) {
    pairs.sort_by(|a, b| (&a.left, &a.right).cmp(&(&b.left, &b.right)));
    for pair in pairs.iter_mut() {
        canonical_ops(&mut pair.ops);
        canonical_pairs(&mut pair.children);
    }
}

fn canonical_ops(ops: &mut [Op]) {
    let rank = |o: &Op| match o.kind {
        EditKind::Equal => 0,
        EditKind::Delete => 1,
        EditKind::Insert => 2,
    };
    let mut start = 0;
    while start < ops.len() {
        let mut end = start;
        while end < ops.len() && ops[end].kind != EditKind::Equal {
            end += 1;
        }
        let run = &mut ops[start..end];
        // An insert inside a replacement may be anchored before or after what was deleted
        // (and a delete's anchor before or after what was inserted): both say "here".
        // Anchor every empty span at the run's start on its side.
        let left_start = run.iter().map(|o| o.left.start).min();
        let right_start = run.iter().map(|o| o.right.start).min();
        for op in run.iter_mut() {
            if let (true, Some(at)) = (op.left.is_empty(), left_start) {
                op.left = Span::new(at, at);
            }
            if let (true, Some(at)) = (op.right.is_empty(), right_start) {
                op.right = Span::new(at, at);
            }
        }
        run.sort_by_key(|o| rank(o));
        start = end + 1;
    }
}

/// Panics unless `b_vs_a` is `a_vs_b` with its sides swapped (docs/schema.md), up to the
/// order the schema leaves free and a rounding difference in similarities.
pub fn check_mirrored(a_vs_b: &Comparison, b_vs_a: &Comparison) {
    let expected = mirror(a_vs_b);
    let mut actual = b_vs_a.clone();
    canonical(&mut actual);
    assert!(
        close(expected.similarity, actual.similarity),
        "compare(b, a).similarity {} differs from compare(a, b)'s {}",
        actual.similarity,
        expected.similarity
    );
    assert_eq!(expected.stats, actual.stats, "stats are not mirrored");
    assert_eq!(expected.counts, actual.counts, "counts are not mirrored");
    assert_eq!(
        expected.left.outline, actual.left.outline,
        "the outline of a text depends on its side"
    );
    assert_eq!(
        expected.right.outline, actual.right.outline,
        "the outline of a text depends on its side"
    );
    assert_pairs_mirrored(&expected.pairs, &actual.pairs, "pairs");
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1e-5
}

fn assert_pairs_mirrored(expected: &[Pair], actual: &[Pair], what: &str) {
    let keys = |pairs: &[Pair]| -> Vec<(PairKind, Vec<u32>, Vec<u32>)> {
        pairs
            .iter()
            .map(|p| (p.kind, p.left.clone(), p.right.clone()))
            .collect()
    };
    assert_eq!(
        keys(expected),
        keys(actual),
        "{what}: compare(b, a) does not pair the blocks compare(a, b) pairs, swapped \
         (expected the first, got the second; kind, left ids, right ids)"
    );
    for (e, a) in expected.iter().zip(actual) {
        let what = format!("{what} {:?} {:?}↔{:?}", a.kind, a.left, a.right);
        assert!(
            close(e.similarity, a.similarity),
            "{what}: similarity {} in compare(b, a) but {} in compare(a, b)",
            a.similarity,
            e.similarity
        );
        assert_eq!(e.ops, a.ops, "{what}: ops are not mirrored");
        assert_eq!(e.stats, a.stats, "{what}: stats are not mirrored");
        assert_pairs_mirrored(&e.children, &a.children, &format!("{what}.children"));
    }
}

/// Checks `compare(left, right)` and `compare(right, left)` and that they mirror each
/// other; symmetry is only promised for exact diffs, so an approximate one skips it.
pub fn compare_both_ways(left: &str, right: &str, options: &CompareOptions) -> Comparison {
    let forward = compare_checked(left, right, options);
    let backward = compare_checked(right, left, options);
    if !forward.approximate && !backward.approximate {
        check_mirrored(&forward, &backward);
    }
    forward
}
