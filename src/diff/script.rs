//! Token keys × token keys → a script of equal and changed token ranges, within a deadline.
//!
//! Short texts go straight to `similar`. Long ones are first cut into sentences and lines
//! and diffed at that level, so only the sentences that changed are diffed token by token:
//! for similar documents the cost stays near-linear however long they are. Past the
//! deadline every remaining region becomes one prefix/suffix-trimmed replacement —
//! coarser, still exact.

use super::token::{ends_sentence, Class, Token};
use similar::{Algorithm, DiffTag, Instant};
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

/// Texts with more tokens than this (both sides together) get the sentence-level pass
/// first. Below it one token-level diff is cheap and sees the whole context.
const LARGE: usize = 12_000;

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

    /// Diffs one region token by token, or trims it once time is up.
    fn region(&mut self, l: Range<usize>, r: Range<usize>) {
        if l.is_empty() || r.is_empty() {
            push(&mut self.segs, false, l, r);
            return;
        }
        if self.check_time() {
            self.trimmed(l, r);
            return;
        }
        let ops = similar::capture_diff_deadline(
            Algorithm::Myers,
            self.left.keys,
            l,
            self.right.keys,
            r,
            self.deadline,
        );
        // similar gives up silently when the deadline passes inside it.
        if self.check_time() {
            self.approximate = true;
        }
        for op in ops {
            let (tag, l, r) = op.as_tag_tuple();
            push(&mut self.segs, tag == DiffTag::Equal, l, r);
        }
    }

    /// The fallback: common prefix and suffix equal, the middle one replacement.
    fn trimmed(&mut self, l: Range<usize>, r: Range<usize>) {
        let (lk, rk) = (self.left.keys, self.right.keys);
        let (Some(a), Some(b)) = (lk.get(l.clone()), rk.get(r.clone())) else {
            push(&mut self.segs, false, l, r);
            return;
        };
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let rest = (a.len() - prefix).min(b.len() - prefix);
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(rest)
            .take_while(|(x, y)| x == y)
            .count();
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
        let lh: Vec<u64> = ls.iter().map(|s| hash(self.left.keys, s)).collect();
        let rh: Vec<u64> = rs.iter().map(|s| hash(self.right.keys, s)).collect();
        let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, &lh, &rh, self.deadline);
        if self.check_time() {
            self.approximate = true;
        }
        let (mut lt, mut rt) = (0, 0);
        for op in ops {
            let (tag, lr, rr) = op.as_tag_tuple();
            if tag != DiffTag::Equal {
                continue;
            }
            for (i, j) in lr.zip(rr) {
                let (Some(a), Some(b)) = (ls.get(i), rs.get(j)) else {
                    continue;
                };
                // Equal hashes are only a hint: the keys decide.
                if self.left.keys.get(a.clone()) != self.right.keys.get(b.clone()) {
                    continue;
                }
                self.region(lt..a.start, rt..b.start);
                push(&mut self.segs, true, a.clone(), b.clone());
                (lt, rt) = (a.end, b.end);
            }
        }
        self.region(lt..self.left.keys.len(), rt..self.right.keys.len());
    }
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
        let after = side.text.get(token.bytes.end..next).unwrap_or("");
        let text = side.text.get(token.bytes.clone()).unwrap_or("");
        let ends = match token.class {
            Class::Punct => text.chars().any(ends_sentence),
            Class::Space => text.contains('\n'),
            _ => false,
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

/// FNV-1a over the keys of a sentence.
fn hash(keys: &[u32], range: &Range<usize>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &k in keys.get(range.clone()).unwrap_or(&[]) {
        for byte in k.to_le_bytes() {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}
