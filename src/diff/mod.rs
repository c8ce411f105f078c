//! Text × text → the edits that turn the left text into the right.
//!
//! Three steps: [`token`] cuts each text into tokens that suit Chinese and keys them
//! under the options; [`script`] diffs the keys with `similar` (sentence by sentence
//! first when the texts are long) within the deadline; [`cleanup`] turns the minimal
//! script into edits a person would have made. Ranges always point into the original
//! texts, so whatever the options fold, the edits concatenate back to both texts exactly.
//! The two texts are always diffed in one canonical order, so diffing them the other way
//! round gives the same edits seen from the other side.

mod cleanup;
mod script;
mod token;

use crate::options::CompareOptions;
use cleanup::Side;
use script::{Seg, SideKeys};
use serde::{Deserialize, Serialize};
use similar::Instant;
use std::ops::Range;
use token::{tokenize, Keys, Token};

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

/// Diffs `left` against `right` under `options`, giving up on precision at `deadline`.
///
/// The edits cover both texts exactly: equal and deleted ranges concatenate to `left`,
/// equal and inserted ranges to `right`, in order; ranges are byte ranges on character
/// boundaries. A replacement is a delete followed by an insert. Text the options make
/// equal (whitespace, width, punctuation, numerals) is reported as equal, with each side's
/// own range.
///
/// Which text is on which side changes nothing but the point of view: `diff_text(right,
/// left, …)` gives these edits seen from the other side (deletes and inserts swapped, each
/// run of changes again one delete then one insert), unless a deadline stops the two runs
/// at different points.
///
/// When `deadline` passes, the remaining work falls back to a coarser diff (sentence level,
/// or one replacement between the common prefix and suffix), still exact, and the result
/// is marked [`approximate`](TextDiff::approximate). A deadline that has already passed
/// (`Some(Instant::now())`) always takes the fallback.
///
/// ```
/// use notice_diff::{diff_text, CompareOptions, EditKind};
///
/// let (left, right) = ("三、清明节：4月5日放假，与周末连休。", "三、清明节：4月5日放假，与周六连休。");
/// let diff = diff_text(left, right, &CompareOptions::default(), None);
/// let deleted: Vec<&str> = diff.edits.iter()
///     .filter(|e| e.kind == EditKind::Delete)
///     .map(|e| &left[e.left.clone()])
///     .collect();
/// assert_eq!(deleted, ["周末"]);
/// ```
pub fn diff_text(
    left: &str,
    right: &str,
    options: &CompareOptions,
    deadline: Option<Instant>,
) -> TextDiff {
    // `compare(b, a)` must be `compare(a, b)` mirrored (docs/schema.md). Every stage breaks ties
    // by side: keys are numbered left first, similar's Myers picks between equally short scripts
    // by side, the slides and the word growth of the cleanup look at one side first. Making each
    // of those rules side-independent would be a promise every future rule has to keep, and
    // similar's tie-breaking is not ours to change. So the texts are always diffed in one
    // canonical order and the result mirrored when the order was swapped: symmetric by
    // construction, for the price of one comparison of the two texts.
    let (diff, swapped) = if canonical_order(left, right) {
        (diff_ordered(left, right, options, deadline), false)
    } else {
        (diff_ordered(right, left, options, deadline), true)
    };
    TextDiff {
        edits: normalise(diff.edits, swapped),
        approximate: diff.approximate,
    }
}

/// Whether `left` comes first in the order the differ runs in: shorter first, then by
/// bytes. Any total order would do; this one is cheap and decided early for most pairs.
fn canonical_order(left: &str, right: &str) -> bool {
    (left.len(), left.as_bytes()) <= (right.len(), right.as_bytes())
}

/// Puts every run of changes into one shape, whichever side it was diffed from: one delete
/// of everything the run removes, anchored on the right where the run starts, then one
/// insert of everything it adds, anchored on the left where the removed text ends.
/// `swapped`: the edits were diffed the other way round and are first mirrored (their
/// ranges swap; a delete seen from the other side is an insert, which the run's new shape
/// says anyway).
fn normalise(edits: Vec<Edit>, swapped: bool) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    let mut run: Option<(Range<usize>, Range<usize>)> = None;
    let flush = |out: &mut Vec<Edit>, run: Option<(Range<usize>, Range<usize>)>| {
        let Some((l, r)) = run else {
            return;
        };
        if !l.is_empty() {
            out.push(Edit {
                kind: EditKind::Delete,
                left: l.clone(),
                right: r.start..r.start,
            });
        }
        if !r.is_empty() {
            out.push(Edit {
                kind: EditKind::Insert,
                left: l.end..l.end,
                right: r,
            });
        }
    };
    for e in edits {
        let (left, right) = if swapped {
            (e.right, e.left)
        } else {
            (e.left, e.right)
        };
        if e.kind == EditKind::Equal {
            flush(&mut out, run.take());
            out.push(Edit {
                kind: EditKind::Equal,
                left,
                right,
            });
            continue;
        }
        // A run's edits are contiguous on each side: its hull is what it covers.
        run = Some(match run {
            None => (left, right),
            Some((l, r)) => (
                l.start.min(left.start)..l.end.max(left.end),
                r.start.min(right.start)..r.end.max(right.end),
            ),
        });
    }
    flush(&mut out, run);
    out
}

/// [`diff_text`] in the order given, with each side's ties broken its own way.
fn diff_ordered(
    left: &str,
    right: &str,
    options: &CompareOptions,
    deadline: Option<Instant>,
) -> TextDiff {
    let mut keys = Keys::default();
    let left_tokens = tokenize(left, options, &mut keys);
    let right_tokens = tokenize(right, options, &mut keys);
    let left_keys: Vec<u32> = left_tokens.iter().map(|t| t.key).collect();
    let right_keys: Vec<u32> = right_tokens.iter().map(|t| t.key).collect();
    let whole = Seg {
        equal: true,
        l: 0..left_keys.len(),
        r: 0..right_keys.len(),
    };
    let (segs, approximate) = if left_keys == right_keys || keys.same_text(&left_keys, &right_keys)
    {
        (vec![whole], false)
    } else {
        let (segs, approximate) = script::script(
            &SideKeys {
                text: left,
                tokens: &left_tokens,
                keys: &left_keys,
            },
            &SideKeys {
                text: right,
                tokens: &right_tokens,
                keys: &right_keys,
            },
            deadline,
        );
        let l = Side::new(left, &left_tokens, &left_keys);
        let r = Side::new(right, &right_tokens, &right_keys);
        (cleanup::cleanup(segs, &l, &r, &keys), approximate)
    };
    TextDiff {
        edits: edits(&segs, left, &left_tokens, right, &right_tokens),
        approximate,
    }
}

/// Byte offset where token `i` starts, as a cut point: ignored text (whitespace or
/// punctuation the options skip) belongs to the token before it, text before the first
/// token to the first token.
fn cut(text: &str, tokens: &[Token], i: usize) -> usize {
    if i >= tokens.len() {
        text.len()
    } else if i == 0 {
        0
    } else {
        tokens.get(i).map_or(text.len(), |t| t.bytes.start)
    }
}

/// Turns a token script into byte-range edits.
fn edits(
    segs: &[Seg],
    left: &str,
    left_tokens: &[Token],
    right: &str,
    right_tokens: &[Token],
) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::new();
    let mut add = |kind: EditKind, l: Range<usize>, r: Range<usize>| {
        if l.is_empty() && r.is_empty() {
            return;
        }
        if let Some(last) = out.last_mut() {
            if last.kind == kind && last.left.end == l.start && last.right.end == r.start {
                last.left.end = l.end;
                last.right.end = r.end;
                return;
            }
        }
        out.push(Edit {
            kind,
            left: l,
            right: r,
        });
    };
    // A side whose every character is ignored has no tokens; its text is equal to nothing.
    let mut l_at = cut(left, left_tokens, 0);
    let mut r_at = cut(right, right_tokens, 0);
    add(EditKind::Equal, 0..l_at, 0..r_at);
    for (i, s) in segs.iter().enumerate() {
        // Ignored text between a change and the equality after it goes to the equality:
        // an inserted sentence should not drag the line break after it along.
        let last = i + 1 == segs.len();
        let end = |text: &str, tokens: &[Token], range: &Range<usize>| {
            let token_end = range
                .end
                .checked_sub(1)
                .and_then(|j| tokens.get(j))
                .map(|t| t.bytes.end);
            match token_end {
                Some(e) if !s.equal && !last && !range.is_empty() => e,
                _ => cut(text, tokens, range.end),
            }
        };
        let l = l_at..end(left, left_tokens, &s.l).max(l_at);
        let r = r_at..end(right, right_tokens, &s.r).max(r_at);
        (l_at, r_at) = (l.end, r.end);
        if s.equal {
            add(EditKind::Equal, l, r);
        } else {
            add(EditKind::Delete, l.clone(), r.start..r.start);
            add(EditKind::Insert, l.end..l.end, r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(diff: &TextDiff, left: &str, right: &str) -> Vec<(EditKind, String, String)> {
        diff.edits
            .iter()
            .map(|e| {
                (
                    e.kind,
                    left[e.left.clone()].to_owned(),
                    right[e.right.clone()].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn ignored_text_after_a_change_goes_to_the_equality() {
        // The inserted sentence is shown without the line break that follows it.
        let (left, right) = ("第一句。\n第二句。", "第一句。\n新增一句。\n第二句。");
        let diff = diff_text(left, right, &CompareOptions::default(), None);
        let inserted: Vec<String> = kinds(&diff, left, right)
            .into_iter()
            .filter(|k| k.0 == EditKind::Insert)
            .map(|k| k.2)
            .collect();
        assert_eq!(inserted, ["新增一句。"]);
    }

    #[test]
    fn a_replacement_is_a_delete_then_an_insert() {
        let (left, right) = ("放假1天", "放假2天");
        let diff = diff_text(left, right, &CompareOptions::default(), None);
        let s = |x: &str| x.to_owned();
        assert_eq!(
            kinds(&diff, left, right),
            [
                (EditKind::Equal, s("放假"), s("放假")),
                (EditKind::Delete, s("1"), s("")),
                (EditKind::Insert, s(""), s("2")),
                (EditKind::Equal, s("天"), s("天")),
            ]
        );
        // The delete is placed where the insert happens on the right, and vice versa.
        assert_eq!(diff.edits[1].right, 6..6);
        assert_eq!(diff.edits[2].left, 7..7);
    }

    #[test]
    fn text_that_is_all_ignored_is_equal_to_nothing() {
        let options = CompareOptions {
            ignore_punctuation: true,
            ..CompareOptions::default()
        };
        let diff = diff_text("，。、", "", &options, None);
        assert_eq!(
            diff.edits,
            [Edit {
                kind: EditKind::Equal,
                left: 0..9,
                right: 0..0
            }]
        );
    }
}
