//! Token keys × token keys → a script of equal and changed token ranges, within a deadline.
//!
//! Myers' algorithm costs O((N+M)·D): fine for two versions of one notice, hundreds of
//! milliseconds for two unrelated ones. So the work is bounded in three layers:
//!
//! 1. Long texts are cut into sentences and lines, aligned at that level on the sentences
//!    that occur once on each side, so only the sentences that changed are diffed token
//!    by token: near-linear for similar documents however long they are.
//! 2. A large changed region is split at anchors — runs of [`K`] tokens that occur
//!    exactly once on each side — chained in order (longest increasing subsequence), and
//!    the gaps between anchors are handled the same way. A large gap with no phrase in
//!    common is one replacement: a minimal script of it would be confetti that the
//!    cleanup absorbs anyway. So is one whose shared phrases are all too frequent to
//!    anchor on, or whose anchors nest [`MAX_DEPTH`] deep, unless it differs by at most
//!    [`MAX_EDITS`] tokens.
//! 3. `similar`'s Myers only sees tiny regions and regions few edits apart, where it
//!    costs at most O((N+M)·MAX_EDITS).
//!
//! Past the deadline every remaining region becomes one prefix/suffix-trimmed
//! replacement — coarser, still exact.

use super::token::{ends_sentence, Class, Token};
use crate::hash::{hash_keys, FastMap};
use similar::algorithms::{myers, DiffHook};
use similar::Instant;
use std::ops::Range;

/// One step of the script: a run of equal tokens or a change, as token index ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seg {
    /// Whether the two ranges are equal under the options.
    pub equal: bool,
    /// Left token indices.
    pub l: Range<usize>,
    /// Right token indices.
    pub r: Range<usize>,
}

/// Appends segments, dropping empty ones and merging neighbours of the same kind.
pub(crate) fn push(segs: &mut Vec<Seg>, equal: bool, l: Range<usize>, r: Range<usize>) {
    if l.is_empty() && r.is_empty() {
        return;
    }
    if let Some(last) = segs.last_mut() {
        if last.equal == equal && last.l.end == l.start && last.r.end == r.start {
            last.l.end = l.end;
            last.r.end = r.end;
            return;
        }
    }
    segs.push(Seg { equal, l, r });
}

/// Receives similar's script straight into the segments (no intermediate `Vec<DiffOp>`).
struct Sink<'a>(&'a mut Vec<Seg>);

impl DiffHook for Sink<'_> {
    type Error = std::convert::Infallible;

    fn equal(&mut self, l: usize, r: usize, len: usize) -> Result<(), Self::Error> {
        push(self.0, true, l..l + len, r..r + len);
        Ok(())
    }

    fn delete(&mut self, l: usize, len: usize, r: usize) -> Result<(), Self::Error> {
        push(self.0, false, l..l + len, r..r);
        Ok(())
    }

    fn insert(&mut self, l: usize, r: usize, len: usize) -> Result<(), Self::Error> {
        push(self.0, false, l..l, r..r + len);
        Ok(())
    }
}

/// Texts with more tokens than this (both sides together) get the sentence-level pass
/// first. Below it the anchors of layer 2 do as well and see the whole context.
const LARGE: usize = 4_000;

/// Regions up to this many token pairs (left × right) go to Myers, whether or not they
/// share a phrase: `2023年1月` → `2024年2月` shares only single tokens, and they matter.
/// Larger regions are split at anchors first; Myers on them would cost O((N+M)·D) on
/// text that is mostly rewritten.
const TINY: usize = 12 * 12;

/// Tokens per anchor: long enough that a shared run is a phrase, not a coincidence.
const K: usize = 4;

/// A K-gram occurring at most this often on each side can anchor a region that has no
/// unique one.
const RARE: u32 = 4;

/// Recursion limit for anchoring gaps inside gaps; a deeper region is handled like one
/// that has no anchors. It bounds the stack and the anchoring work: each level costs
/// time linear in the regions it splits.
const MAX_DEPTH: u32 = 24;

/// A region that anchoring cannot split goes to Myers if it takes at most this many
/// insertions and deletions, which bounds Myers' O((N+M)·D) to that many steps per token;
/// otherwise it is one replacement.
const MAX_EDITS: usize = 256;

/// A sentence longer than this many tokens is cut anyway, so that text without
/// punctuation still gets a coarse pass.
const LONG_SENTENCE: usize = 200;

/// One side as the script builder sees it.
pub(crate) struct SideKeys<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub keys: &'a [u32],
}

/// Whether `deadline` has passed. `>=`, not `>`, so that a deadline of `Instant::now()`
/// is already expired: that makes the fallback testable deterministically.
pub(crate) fn expired(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() >= d)
}

struct Builder<'a> {
    left: &'a SideKeys<'a>,
    right: &'a SideKeys<'a>,
    /// `left_grams[i]`: hash of the K keys from left token `i` (computed once, used by
    /// every level of anchoring).
    left_grams: Vec<u64>,
    right_grams: Vec<u64>,
    deadline: Option<Instant>,
    segs: Vec<Seg>,
    /// Set once the deadline has passed: every later region is trimmed, not diffed.
    out_of_time: bool,
    approximate: bool,
}

/// The script between two tokenised texts and whether it is approximate.
pub(crate) fn script(
    left: &SideKeys<'_>,
    right: &SideKeys<'_>,
    deadline: Option<Instant>,
) -> (Vec<Seg>, bool) {
    let mut b = Builder {
        left,
        right,
        left_grams: left.keys.windows(K).map(hash_keys).collect(),
        right_grams: right.keys.windows(K).map(hash_keys).collect(),
        deadline,
        segs: Vec::new(),
        out_of_time: false,
        approximate: false,
    };
    let (n, m) = (left.keys.len(), right.keys.len());
    if n + m > LARGE && !b.check_time() {
        b.by_sentences();
    } else {
        b.region(0..n, 0..m);
    }
    (b.segs, b.approximate)
}

impl Builder<'_> {
    fn check_time(&mut self) -> bool {
        if !self.out_of_time && expired(self.deadline) {
            self.out_of_time = true;
        }
        self.out_of_time
    }

    /// Diffs one region of tokens, or trims it once time is up.
    fn region(&mut self, l: Range<usize>, r: Range<usize>) {
        self.anchored(l, r, 0);
    }

    fn anchored(&mut self, l: Range<usize>, r: Range<usize>, depth: u32) {
        if l.is_empty() || r.is_empty() {
            push(&mut self.segs, false, l, r);
            return;
        }
        if self.check_time() {
            self.trimmed(l, r);
            return;
        }
        let (lk, rk) = (self.left.keys, self.right.keys);
        let (prefix, suffix) = affixes(lk, &l, rk, &r);
        let (lm, rm) = (
            l.start + prefix..l.end - suffix,
            r.start + prefix..r.end - suffix,
        );
        push(&mut self.segs, true, l.start..lm.start, r.start..rm.start);
        let pairs = lm.len().saturating_mul(rm.len());
        if lm.is_empty() || rm.is_empty() {
            push(&mut self.segs, false, lm.clone(), rm.clone());
        } else if pairs <= TINY {
            self.myers(lm.clone(), rm.clone());
        } else if depth >= MAX_DEPTH {
            self.unsplit(lm.clone(), rm.clone());
        } else {
            match anchors(&self.left_grams, &lm, &self.right_grams, &rm) {
                // Nothing of a phrase's length in common: whatever single tokens a
                // minimal script would keep, the cleanup would absorb.
                Anchors::Disjoint => push(&mut self.segs, false, lm.clone(), rm.clone()),
                Anchors::Chain(chain) if chain.is_empty() => self.unsplit(lm.clone(), rm.clone()),
                Anchors::Chain(chain) => self.follow(chain, lm.clone(), rm.clone(), depth),
            }
        }
        push(&mut self.segs, true, lm.end..l.end, rm.end..r.end);
    }

    /// Emits the anchors of `chain` as equalities, grown as far as they match, and
    /// diffs the gaps between them.
    fn follow(&mut self, chain: Vec<(usize, usize)>, l: Range<usize>, r: Range<usize>, depth: u32) {
        let (lk, rk) = (self.left.keys, self.right.keys);
        let (mut li, mut ri) = (l.start, r.start);
        for (i, j) in chain {
            if i < li || j < ri {
                continue;
            }
            let back = (1..)
                .take_while(|&s| i - li >= s && j - ri >= s && lk.get(i - s) == rk.get(j - s))
                .count();
            let (i0, j0) = (i - back, j - back);
            let len = (0..)
                .take_while(|&s| {
                    i0 + s < l.end && j0 + s < r.end && lk.get(i0 + s) == rk.get(j0 + s)
                })
                .count();
            if len == 0 {
                continue;
            }
            self.anchored(li..i0, ri..j0, depth + 1);
            push(&mut self.segs, true, i0..i0 + len, j0..j0 + len);
            (li, ri) = (i0 + len, j0 + len);
        }
        self.anchored(li..l.end, ri..r.end, depth + 1);
    }

    /// A region that anchoring cannot split: all it shares is phrases too frequent to
    /// anchor on, or its anchors nest too deep. If it differs by few edits it goes to
    /// Myers, which then costs O((N+M)·MAX_EDITS): a short one shares a run of dots or
    /// dashes between changed words, worth showing; a long one is repeated lines or
    /// blocks with scattered edits. Otherwise it is one replacement: such a region comes
    /// from unrelated texts, where a minimal script keeps single tokens and common phrases
    /// scattered through it, which the cleanup absorbs into one replacement anyway.
    fn unsplit(&mut self, l: Range<usize>, r: Range<usize>) {
        let (lk, rk) = (self.left.keys, self.right.keys);
        let (a, b) = (lk.get(l.clone()), rk.get(r.clone()));
        if let (Some(a), Some(b)) = (a, b) {
            if edits_at_most(a, b, MAX_EDITS, self.deadline) {
                self.myers(l, r);
                return;
            }
        }
        if self.check_time() {
            self.trimmed(l, r);
        } else {
            push(&mut self.segs, false, l, r);
        }
    }

    /// `similar`'s Myers diff of a region.
    fn myers(&mut self, l: Range<usize>, r: Range<usize>) {
        if self.check_time() {
            self.trimmed(l, r);
            return;
        }
        // The module's raw Myers directly: `capture_diff_deadline` dispatches on an
        // `Algorithm` at run time, which links all six of similar's algorithms, and
        // `myers::diff_deadline` runs a preflight that small regions do not need.
        let (lk, rk) = (self.left.keys, self.right.keys);
        let Ok(()) =
            myers::diff_deadline_raw(&mut Sink(&mut self.segs), lk, l, rk, r, self.deadline);
        // similar gives up silently when the deadline passes inside it.
        if self.check_time() {
            self.approximate = true;
        }
    }

    /// The fallback: common prefix and suffix equal, the middle one replacement.
    fn trimmed(&mut self, l: Range<usize>, r: Range<usize>) {
        let (prefix, suffix) = affixes(self.left.keys, &l, self.right.keys, &r);
        let (lm, rm) = (
            l.start + prefix..l.end - suffix,
            r.start + prefix..r.end - suffix,
        );
        if !lm.is_empty() && !rm.is_empty() {
            self.approximate = true;
        }
        push(&mut self.segs, true, l.start..lm.start, r.start..rm.start);
        push(&mut self.segs, false, lm.clone(), rm.clone());
        push(&mut self.segs, true, lm.end..l.end, rm.end..r.end);
    }

    /// The coarse pass: sentences as units, then token diffs between equal sentences.
    fn by_sentences(&mut self) {
        let ls = sentences(self.left);
        let rs = sentences(self.right);
        // Sentences that occur once on each side, chained in order: patience on
        // sentences, without its Myers fallback, so the cost stays O(n log n) however many
        // sentences changed. Repeated sentences are found inside the gaps, token by token.
        let (seen, _) = count(
            &sentence_hashes(self.left.keys, &ls),
            0,
            &sentence_hashes(self.right.keys, &rs),
            0,
        );
        let (mut lt, mut rt) = (0, 0);
        for (i, j) in chain(unique(&seen)) {
            let (Some(a), Some(b)) = (ls.get(i), rs.get(j)) else {
                continue;
            };
            // Equal hashes are only a hint: the keys decide.
            if a.start < lt
                || b.start < rt
                || self.left.keys.get(a.clone()) != self.right.keys.get(b.clone())
            {
                continue;
            }
            self.region(lt..a.start, rt..b.start);
            push(&mut self.segs, true, a.clone(), b.clone());
            (lt, rt) = (a.end, b.end);
        }
        self.region(lt..self.left.keys.len(), rt..self.right.keys.len());
    }
}

/// Whether `a` becomes `b` with at most `max` insertions and deletions (false once the
/// deadline passes): Myers' greedy forward search, stopped after `max` edits, so it costs
/// O((N+M)·max) at worst and far less on texts that differ early and often or hardly at
/// all.
fn edits_at_most(a: &[u32], b: &[u32], max: usize, deadline: Option<Instant>) -> bool {
    if a.len() + b.len() <= max {
        return true;
    }
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // furthest[max + k]: the furthest index into `a` reached on diagonal k (x - y = k).
    let mut furthest = vec![0usize; 2 * max + 2];
    for d in 0..=max {
        if expired(deadline) {
            return false;
        }
        for i in (max - d..=max + d).step_by(2) {
            let from_below = furthest.get(i + 1).copied().unwrap_or(0);
            let from_left = i
                .checked_sub(1)
                .and_then(|j| furthest.get(j))
                .map_or(0, |x| x + 1);
            // Down from diagonal k + 1 (an insertion) or right from k - 1 (a deletion).
            let mut x = if i == max - d || (i != max + d && from_left <= from_below) {
                from_below
            } else {
                from_left
            };
            // y = x - k = x + max - i; on a reachable point it is never negative.
            let Some(mut y) = (x + max).checked_sub(i) else {
                continue;
            };
            let snake = common_prefix(a.get(x..).unwrap_or(&[]), b.get(y..).unwrap_or(&[]));
            (x, y) = (x + snake, y + snake);
            if let Some(slot) = furthest.get_mut(i) {
                *slot = x;
            }
            if x >= a.len() && y >= b.len() {
                return true;
            }
        }
    }
    false
}

/// Token ranges of the sentences (and lines) of one side. Whitespace and closing
/// punctuation after a sentence end stay with that sentence.
fn sentences(side: &SideKeys<'_>) -> Vec<Range<usize>> {
    let tokens = side.tokens;
    let mut out = Vec::new();
    let mut start = 0;
    let mut pending = false;
    for (i, token) in tokens.iter().enumerate() {
        if pending && !trails(side.text, token) {
            out.push(start..i);
            start = i;
            pending = false;
        }
        let next = tokens.get(i + 1).map_or(side.text.len(), |t| t.bytes.start);
        let text = || side.text.get(token.bytes.clone()).unwrap_or("");
        let ends = match token.class {
            Class::Punct => text().chars().any(ends_sentence),
            Class::Space => text().contains('\n'),
            _ => false,
        };
        // Text between tokens is what the options ignore; it may hold the line break.
        let after = if next > token.bytes.end {
            side.text.get(token.bytes.end..next).unwrap_or("")
        } else {
            ""
        };
        if ends || after.contains('\n') || i + 1 - start >= LONG_SENTENCE {
            pending = true;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

/// Whether a token belongs to the end of the sentence before it.
fn trails(text: &str, token: &Token) -> bool {
    match token.class {
        Class::Space => true,
        Class::Punct => text
            .get(token.bytes.clone())
            .unwrap_or("")
            .chars()
            .all(|c| {
                matches!(
                    c,
                    '”' | '’' | '）' | ')' | '」' | '』' | '》' | '〉' | '】' | '〕' | '"' | '\''
                )
            }),
        _ => false,
    }
}

/// Hash of the keys of each sentence.
fn sentence_hashes(keys: &[u32], sentences: &[Range<usize>]) -> Vec<u64> {
    sentences
        .iter()
        .map(|range| hash_keys(keys.get(range.clone()).unwrap_or(&[])))
        .collect()
}

/// Lengths of the common prefix and suffix of two regions (not overlapping).
fn affixes(lk: &[u32], l: &Range<usize>, rk: &[u32], r: &Range<usize>) -> (usize, usize) {
    let (Some(a), Some(b)) = (lk.get(l.clone()), rk.get(r.clone())) else {
        return (0, 0);
    };
    let prefix = common_prefix(a, b);
    let rest = (a.len() - prefix).min(b.len() - prefix);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

/// How many keys `a` and `b` share at their start.
fn common_prefix(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

enum Anchors {
    /// Starts `(left, right)` of shared K-grams, increasing on both sides.
    Chain(Vec<(usize, usize)>),
    /// No K-gram occurs on both sides.
    Disjoint,
}

/// How often a K-gram (or a sentence) occurs on each side of a region and where it first
/// does (by hash; a collision only costs an anchor that does not grow).
#[derive(Default, Clone, Copy)]
struct Gram {
    left: u32,
    right: u32,
    left_at: usize,
    right_at: usize,
}

/// Anchors of a region: the K-grams that occur exactly once on each side (patience's
/// anchors, on phrases instead of lines), or failing those the rare ones, chained into
/// the longest run increasing on both sides.
fn anchors(lg: &[u64], l: &Range<usize>, rg: &[u64], r: &Range<usize>) -> Anchors {
    let (lw, rw) = (grams_in(lg, l), grams_in(rg, r));
    let (mut grams, shared) = count(lw, l.start, rw, r.start);
    if !shared {
        return Anchors::Disjoint;
    }
    let mut pairs = unique(&grams);
    if pairs.is_empty() {
        // Every pair of occurrences of the rare grams. Their left occurrences are chained
        // by a second scan: `left_at` ends at the last, `earlier` leads back to the first.
        let rare = |g: &Gram| g.right > 0 && g.left <= RARE && g.right <= RARE;
        let mut earlier: Vec<Option<usize>> = vec![None; lw.len()];
        for (k, h) in lw.iter().enumerate() {
            let at = l.start + k;
            if let Some(g) = grams.get_mut(h).filter(|g| rare(g)) {
                if g.left_at != at {
                    if let Some(slot) = earlier.get_mut(k) {
                        *slot = Some(g.left_at);
                    }
                }
                g.left_at = at;
            }
        }
        for (k, h) in rw.iter().enumerate() {
            let mut next = grams.get(h).filter(|g| rare(g)).map(|g| g.left_at);
            while let Some(i) = next {
                pairs.push((i, r.start + k));
                next = earlier.get(i - l.start).copied().flatten();
            }
        }
    }
    Anchors::Chain(chain(pairs))
}

/// The hashes of the K-grams that lie inside a range of tokens; the first starts at
/// `range.start`, the last K - 1 tokens before its end.
fn grams_in<'a>(grams: &'a [u64], range: &Range<usize>) -> &'a [u64] {
    let end = range.end.saturating_sub(K - 1).max(range.start);
    grams.get(range.start..end).unwrap_or(&[])
}

/// How often each hash of `left` occurs there and in `right`, and where first; item `k`
/// of a side is at position `start + k`. Hashes found only on the right are not kept.
/// Also whether any hash occurs on both sides.
fn count(
    left: &[u64],
    left_start: usize,
    right: &[u64],
    right_start: usize,
) -> (FastMap<u64, Gram>, bool) {
    let mut grams: FastMap<u64, Gram> = FastMap::default();
    grams.reserve(left.len());
    for (k, &h) in left.iter().enumerate() {
        let g = grams.entry(h).or_default();
        if g.left == 0 {
            g.left_at = left_start + k;
        }
        g.left += 1;
    }
    let mut shared = false;
    for (k, &h) in right.iter().enumerate() {
        if let Some(g) = grams.get_mut(&h) {
            if g.right == 0 {
                g.right_at = right_start + k;
            }
            g.right += 1;
            shared = true;
        }
    }
    (grams, shared)
}

/// Where the hashes that occur exactly once on each side are.
fn unique(grams: &FastMap<u64, Gram>) -> Vec<(usize, usize)> {
    grams
        .values()
        .filter(|g| g.left == 1 && g.right == 1)
        .map(|g| (g.left_at, g.right_at))
        .collect()
}

/// The longest run of `pairs` increasing on both sides.
fn chain(mut pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    // By left, right descending within one left position, so the chain uses each
    // position once.
    crate::sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    longest_increasing(&pairs)
}

/// The longest subsequence of `pairs` (sorted by left) increasing in right, by patience
/// sorting: O(n log n).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index of the pair ending the best chain of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    // before[i]: the pair before pair i in the best chain ending at it.
    let mut before: Vec<Option<usize>> = Vec::with_capacity(pairs.len());
    for (i, &(_, j)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs.get(t).is_some_and(|p| p.1 < j));
        before.push(k.checked_sub(1).and_then(|k| tails.get(k).copied()));
        if k == tails.len() {
            tails.push(i);
        } else if let Some(slot) = tails.get_mut(k) {
            *slot = i;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        if let Some(&p) = pairs.get(i) {
            chain.push(p);
        }
        at = before.get(i).copied().flatten();
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::token::{keyed_pair, tokenize, Keys};
    use crate::options::CompareOptions;

    fn with_script(left: &str, right: &str, deadline: Option<Instant>) -> (Vec<Seg>, bool) {
        let [(lt, lk), (rt, rk)] = keyed_pair(left, right);
        let l = SideKeys {
            text: left,
            tokens: &lt,
            keys: &lk,
        };
        let r = SideKeys {
            text: right,
            tokens: &rt,
            keys: &rk,
        };
        script(&l, &r, deadline)
    }

    /// The script covers both token sequences in order, equal segments pairwise equal.
    fn assert_covers(segs: &[Seg]) {
        let (mut l, mut r) = (0, 0);
        for s in segs {
            assert_eq!((s.l.start, s.r.start), (l, r), "{segs:?}");
            if s.equal {
                assert_eq!(s.l.len(), s.r.len());
            }
            (l, r) = (s.l.end, s.r.end);
        }
    }

    #[test]
    fn tiny_regions_get_myers_on_the_keys() {
        // Tiny texts are one region, which goes straight to Myers: the script must be the
        // one similar's raw Myers gives on the keys themselves.
        use similar::algorithms::Capture;
        use similar::DiffTag;
        let cases = [
            ("甲乙丙甲乙乙甲", "丙乙甲乙甲丙"),
            ("放假1天调休", "放假2天不调休"),
            ("一二三四五六", "六五四三二一"),
            ("的的的工会的", "工会的的工的会"),
        ];
        for (left, right) in cases {
            let [(_, lk), (_, rk)] = keyed_pair(left, right);
            let (segs, approximate) = with_script(left, right, None);
            assert!(!approximate);
            let mut capture = Capture::new();
            let Ok(()) = myers::diff_deadline_raw(
                &mut capture,
                &lk[..],
                0..lk.len(),
                &rk[..],
                0..rk.len(),
                None,
            );
            let mut expected = Vec::new();
            for op in capture.into_ops() {
                let (tag, l, r) = op.as_tag_tuple();
                push(&mut expected, tag == DiffTag::Equal, l, r);
            }
            assert_eq!(segs, expected, "{left} → {right}");
        }
    }

    #[test]
    fn longest_increasing_chains_in_order() {
        let pairs = [(0, 5), (1, 1), (2, 2), (3, 0), (4, 3), (5, 9), (6, 4)];
        assert_eq!(longest_increasing(&pairs), [(1, 1), (2, 2), (4, 3), (6, 4)]);
        assert!(longest_increasing(&[]).is_empty());
    }

    #[test]
    fn expired_deadline_trims_to_one_replacement() {
        let (segs, approximate) = with_script("甲乙丙丁戊", "甲乙X丁戊", Some(Instant::now()));
        assert!(approximate);
        let changed: Vec<&Seg> = segs.iter().filter(|s| !s.equal).collect();
        assert_eq!(changed.len(), 1);
        assert_eq!((changed[0].l.clone(), changed[0].r.clone()), (2..3, 2..3));
        // Nothing to refine: a pure insertion is exact even in the fallback.
        let (_, approximate) = with_script("甲乙", "甲乙丙", Some(Instant::now()));
        assert!(!approximate);
    }

    #[test]
    fn unrelated_regions_are_one_replacement() {
        // No four tokens in a row in common: no Myers confetti, one change.
        let left = "各镇开发区街道总工会各系统局直属单位工会区总工会各部室区职工服务中心";
        let right = "市总各部门各基层工会为切实把全市广大职工和工会干部的思想统一到精神上来";
        let (segs, _) = with_script(left, right, None);
        assert_covers(&segs);
        assert_eq!(segs.len(), 1, "{segs:?}");
    }

    #[test]
    fn anchors_split_long_regions() {
        let shared = "学习宣传贯彻工会第十七次代表大会精神";
        let left = format!("各镇开发区街道总工会各系统{shared}局直属单位工会区总工会各部室");
        let right = format!("市总各部门各基层工会为切实把全市{shared}广大职工和工会干部的思想");
        let (segs, _) = with_script(&left, &right, None);
        assert_covers(&segs);
        let equal: Vec<&Seg> = segs.iter().filter(|s| s.equal && s.l.len() >= 10).collect();
        assert_eq!(equal.len(), 1, "{segs:?}");
    }

    #[test]
    fn long_texts_align_sentences_first() {
        let sentence = |i: usize| format!("第{i}条 本办法自公布之日起施行，由有关部门负责解释。\n");
        let left: String = (0..600).map(sentence).collect();
        let right = left.replace("第300条 本办法", "第300条 本规定");
        let (segs, approximate) = with_script(&left, &right, None);
        assert!(!approximate);
        assert_covers(&segs);
        let changed: Vec<&Seg> = segs.iter().filter(|s| !s.equal).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(
            (changed[0].l.len(), changed[0].r.len()),
            (2, 2),
            "办法 → 规定"
        );
    }

    #[test]
    fn sentences_keep_trailing_space_and_closers() {
        let options = CompareOptions {
            ignore_whitespace: false,
            ..CompareOptions::default()
        };
        let text = "他说：“好。” 然后\n走了！";
        let mut keys = Keys::default();
        let tokens = tokenize(text, &options, &mut keys);
        let k: Vec<u32> = tokens.iter().map(|t| t.key).collect();
        let side = SideKeys {
            text,
            tokens: &tokens,
            keys: &k,
        };
        let cut: Vec<String> = sentences(&side)
            .into_iter()
            .map(|r| {
                let (a, b) = (&tokens[r.start], &tokens[r.end - 1]);
                text[a.bytes.start..b.bytes.end].to_owned()
            })
            .collect();
        assert_eq!(cut, ["他说：“好。” ", "然后\n", "走了！"]);
    }

    /// The keys of two texts, keyed together as the differ keys them.
    fn keys_of(left: &str, right: &str) -> (Vec<u32>, Vec<u32>) {
        let [(_, lk), (_, rk)] = keyed_pair(left, right);
        (lk, rk)
    }

    /// Insertions plus deletions of similar's raw Myers script: the edit distance.
    fn distance(a: &[u32], b: &[u32]) -> usize {
        use similar::algorithms::Capture;
        use similar::DiffTag;
        let mut capture = Capture::new();
        let Ok(()) = myers::diff_deadline_raw(&mut capture, a, 0..a.len(), b, 0..b.len(), None);
        capture
            .into_ops()
            .iter()
            .map(|op| {
                let (tag, l, r) = op.as_tag_tuple();
                if tag == DiffTag::Equal {
                    0
                } else {
                    l.len() + r.len()
                }
            })
            .sum()
    }

    /// A reproducible xorshift generator: each call gives the next number below `n`.
    fn random_below(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        }
    }

    #[test]
    fn edits_at_most_agrees_with_the_edit_distance() {
        let mut next = random_below(0x2545_f491_4f6c_dd1d);
        for case in 0..3000 {
            let alphabet = 1 + case % 4;
            let a: Vec<u32> = (0..next(40)).map(|_| next(alphabet) as u32).collect();
            let b: Vec<u32> = (0..next(40)).map(|_| next(alphabet) as u32).collect();
            let d = distance(&a, &b);
            for max in [0, 1, 2, 5, d.saturating_sub(1), d, d + 1, 30, 80] {
                assert_eq!(
                    edits_at_most(&a, &b, max, None),
                    d <= max,
                    "{a:?} {b:?} {max}"
                );
            }
        }
        // An expired deadline gives up (and the region becomes a trimmed replacement).
        let (a, b) = ([1u32; 300], [2u32; 300]);
        assert!(!edits_at_most(&a, &b, 256, Some(Instant::now())));
    }

    #[test]
    fn a_run_shared_between_changed_words_is_kept() {
        // All that the two sides share is a run of dots, too frequent a phrase to anchor
        // on; the region is small, so Myers keeps the run instead of one replacement.
        let dots = "…".repeat(24);
        let (left, right) = (format!("甲{dots}乙"), format!("丙{dots}丁"));
        let (segs, approximate) = with_script(&left, &right, None);
        assert!(!approximate);
        assert_covers(&segs);
        let equal: Vec<&Seg> = segs.iter().filter(|s| s.equal).collect();
        assert_eq!(equal.len(), 1, "{segs:?}");
        assert_eq!(equal[0].l.len(), 24, "{segs:?}");
    }

    #[test]
    fn repeated_lines_with_scattered_edits_are_diffed_exactly() {
        // Every phrase occurs on every line, so nothing anchors; the sides differ by a
        // few tokens, so the whole region goes to Myers rather than being replaced.
        let line = "甲乙丙丁戊己庚辛\n";
        let left = line.repeat(300);
        let mut right = String::new();
        for n in 0..300 {
            match n {
                40 => right.push_str("甲乙丙X戊己庚辛\n"),
                150 => {}
                260 => right.push_str(&format!("{line}新增的一行\n")),
                _ => right.push_str(line),
            }
        }
        let (segs, approximate) = with_script(&left, &right, None);
        assert!(!approximate);
        assert_covers(&segs);
        // Minimal: 丁 → X, one line (8 tokens) out, 新增的一行 in. Which of the identical
        // lines goes is Myers' choice, so only the size is checked.
        let (lk, rk) = keys_of(&left, &right);
        let changed: usize = segs
            .iter()
            .filter(|s| !s.equal)
            .map(|s| s.l.len() + s.r.len())
            .sum();
        assert_eq!(changed, distance(&lk, &rk), "{segs:?}");
        assert!(changed <= 2 + 8 + 5, "{segs:?}");
    }

    #[test]
    fn unrelated_text_sharing_only_frequent_phrases_is_one_replacement() {
        // Two random strings over two characters share every 4-token phrase, each far
        // too often to anchor on, and differ by far more than MAX_EDITS: one replacement,
        // not a minimal script (quadratic to find, and confetti the cleanup would absorb).
        let mut next = random_below(7);
        let mut random = |n: usize| -> String {
            (0..n)
                .map(|_| if next(2) == 0 { '甲' } else { '乙' })
                .collect()
        };
        let (left, right) = (random(1500), random(1500));
        let (lk, rk) = keys_of(&left, &right);
        assert!(distance(&lk, &rk) > MAX_EDITS);
        let (segs, approximate) = with_script(&left, &right, None);
        assert!(!approximate);
        assert_covers(&segs);
        assert_eq!(segs.iter().filter(|s| !s.equal).count(), 1, "{segs:?}");
    }

    #[test]
    fn anchors_nested_past_the_depth_limit_end_in_one_replacement() {
        // Level k wraps level k - 1 in its own anchor (a phrase unique on both sides)
        // and a changed word on each side of four extra copies of level k - 1's anchor,
        // which make that one too frequent to anchor on until the gap holds just level
        // k - 1. So each level of anchoring peels off one level, 40 of them in all.
        let mut next = 0x4E00u32;
        let mut fresh = |n: usize| -> String {
            (0..n)
                .map(|_| {
                    next += 1;
                    char::from_u32(next).unwrap_or('?')
                })
                .collect()
        };
        let (mut left, mut right) = (fresh(8), fresh(8));
        let mut inner = fresh(4);
        (left, right) = (format!("{inner}{left}"), format!("{inner}{right}"));
        for _ in 1..40 {
            let anchor = fresh(4);
            let extra = inner.repeat(4);
            let (x, y) = (fresh(8), fresh(8));
            left = format!("{x}{extra}{}{anchor}{left}", fresh(8));
            right = format!("{y}{extra}{}{anchor}{right}", fresh(8));
            inner = anchor;
        }
        let (segs, approximate) = with_script(&left, &right, None);
        assert!(!approximate);
        assert_covers(&segs);
        let (lk, rk) = keys_of(&left, &right);
        for s in segs.iter().filter(|s| s.equal) {
            assert_eq!(lk.get(s.l.clone()), rk.get(s.r.clone()));
        }
        // The levels within MAX_DEPTH come apart into their changed words (two per
        // level); the rest, nested deeper and differing by more than MAX_EDITS, is one
        // replacement.
        let changed: Vec<&Seg> = segs.iter().filter(|s| !s.equal).collect();
        let large: Vec<usize> = (0..changed.len())
            .filter(|&i| changed[i].l.len() > 8 || changed[i].r.len() > 8)
            .collect();
        assert_eq!(large.len(), 1, "{changed:?}");
        assert!(large[0] >= 2 * MAX_DEPTH as usize, "{changed:?}");
        assert!(changed[large[0]].l.len() > 300, "{changed:?}");
    }
}
