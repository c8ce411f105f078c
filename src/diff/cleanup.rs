//! Makes a minimal script read like the edit a person made.
//!
//! A shortest edit script of two Chinese sentences keeps every character they happen to
//! share — `的`, `工`, `会` — and the result is confetti. Four passes turn it into edits a
//! reader recognises, each linear in the number of segments:
//!
//! 1. **Equal under the options.** A change whose two sides have the same normalised text
//!    (a word split by whitespace the options ignore) is no change.
//! 2. **Absorb chaff.** An equality between two changes that is short next to them
//!    joins them into one change. A stack makes this one pass: when a merge grows the
//!    change on top, the equality before it is weighed again.
//! 3. **Slide to boundaries.** A pure insertion or deletion inside repeated text can
//!    sit in several places; it goes where its edges fall on line, sentence, punctuation
//!    or script boundaries.
//! 4. **Whole words.** A one-character substitution inside Chinese text (`周末` →
//!    `周六`) takes in the neighbouring character it forms a word with, judged by how
//!    often the two characters stand together in the texts; a numeral takes in the rest
//!    of its number.

use super::script::{push, Seg};
use super::token::{Class, Keys, Token};
use crate::find::has_char;
use crate::hash::FastMap;
use crate::numerals;
use std::ops::Range;

/// One side: its text, tokens and their keys.
pub(crate) struct Side<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub keys: &'a [u32],
    /// `weights[i]` is the number of characters in tokens `0..i`.
    weights: Vec<u64>,
}

impl<'a> Side<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token], keys: &'a [u32]) -> Side<'a> {
        let mut weights = Vec::with_capacity(tokens.len() + 1);
        let mut sum = 0u64;
        weights.push(0);
        for t in tokens {
            sum += u64::from(t.chars);
            weights.push(sum);
        }
        Side {
            text,
            tokens,
            keys,
            weights,
        }
    }

    fn weight(&self, range: &Range<usize>) -> u64 {
        let at = |i: usize| self.weights.get(i).copied().unwrap_or(0);
        at(range.end).saturating_sub(at(range.start))
    }

    fn key(&self, i: usize) -> Option<u32> {
        self.keys.get(i).copied()
    }

    fn token(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// The single character of token `i`, when it is one CJK character.
    fn cjk_char(&self, i: usize) -> Option<char> {
        let t = self.tokens.get(i)?;
        if t.class != Class::Cjk {
            return None;
        }
        self.text.get(t.bytes.clone())?.chars().next()
    }
}

/// Runs all passes.
pub(crate) fn cleanup(segs: Vec<Seg>, left: &Side<'_>, right: &Side<'_>, keys: &Keys) -> Vec<Seg> {
    let segs = equal_under_options(segs, left, right, keys);
    let segs = absorb(segs, left, right);
    let segs = slide(segs, left, right);
    let segs = whole_words(segs, left, right);
    absorb(segs, left, right)
}

fn rebuild(segs: Vec<Seg>) -> Vec<Seg> {
    let mut out = Vec::with_capacity(segs.len());
    for s in segs {
        push(&mut out, s.equal, s.l, s.r);
    }
    out
}

/// Pass 1: changes whose normalised texts are the same become equalities.
fn equal_under_options(
    mut segs: Vec<Seg>,
    left: &Side<'_>,
    right: &Side<'_>,
    keys: &Keys,
) -> Vec<Seg> {
    for s in &mut segs {
        if !s.equal && !s.l.is_empty() && !s.r.is_empty() {
            s.equal = keys.same_text(
                left.keys.get(s.l.clone()).unwrap_or(&[]),
                right.keys.get(s.r.clone()).unwrap_or(&[]),
            );
        }
    }
    rebuild(segs)
}

/// Characters of a segment: the longer of its two sides.
fn size(s: &Seg, left: &Side<'_>, right: &Side<'_>) -> u64 {
    left.weight(&s.l).max(right.weight(&s.r))
}

/// Longest equality absorbed for being shorter than the edits on both sides, in
/// characters: beyond it (about a clause) shared text is an anchor a reader wants to see,
/// however large the rewrites around it. Without a cap the rule cascades: each merge makes
/// the next equality look small, and a revised article ends up one block.
const MAX_CHAFF_BETWEEN: u64 = 12;

/// Longest equality absorbed for being small next to the edits around it taken together
/// (a shared `的` or `工作` inside a rewritten sentence).
const MAX_CHAFF_IN_REWRITE: u64 = 4;

/// Whether the equality `e` between changes `a` and `b` is chaff.
fn is_chaff(a: &Seg, e: &Seg, b: &Seg, left: &Side<'_>, right: &Side<'_>) -> bool {
    let (sa, se, sb) = (
        size(a, left, right),
        size(e, left, right),
        size(b, left, right),
    );
    // Shorter than the edits on both sides of it: it only breaks one edit in two.
    if se <= sa.min(sb) && se <= MAX_CHAFF_BETWEEN {
        return true;
    }
    // A few characters inside a large rewrite are coincidence, not shared text.
    se <= MAX_CHAFF_IN_REWRITE && se * 2 <= sa + sb
}

/// Pass 2: absorb equalities that are chaff between changes.
fn absorb(segs: Vec<Seg>, left: &Side<'_>, right: &Side<'_>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for s in segs {
        push(&mut out, s.equal, s.l, s.r);
        while let [.., a, e, b] = out.as_slice() {
            if a.equal || !e.equal || b.equal || !is_chaff(a, e, b, left, right) {
                break;
            }
            let merged = Seg {
                equal: false,
                l: a.l.start..b.l.end,
                r: a.r.start..b.r.end,
            };
            out.truncate(out.len() - 3);
            push(&mut out, false, merged.l, merged.r);
        }
    }
    out
}

/// How far a pure insertion or deletion is slid looking for a better place.
const MAX_SLIDE: usize = 24;

/// Pass 3: slide pure insertions and deletions to the best boundaries.
fn slide(mut segs: Vec<Seg>, left: &Side<'_>, right: &Side<'_>) -> Vec<Seg> {
    for i in 1..segs.len().saturating_sub(1) {
        let (Some(prev), Some(cur), Some(next)) = (segs.get(i - 1), segs.get(i), segs.get(i + 1))
        else {
            continue;
        };
        if cur.equal || !prev.equal || !next.equal || (!cur.l.is_empty() && !cur.r.is_empty()) {
            continue;
        }
        // An insertion is slid as the deletion it is seen from the other side.
        let inserting = cur.l.is_empty();
        let (side, other) = if inserting {
            (right, left)
        } else {
            (left, right)
        };
        let view = |s: &Seg| oriented(s, inserting);
        let Some(moved) = slid(&view(prev), &view(cur), &view(next), side, other) else {
            continue;
        };
        if let Some([p, c, n]) = segs.get_mut(i - 1..=i + 1) {
            let [mp, mc, mn] = moved.map(|s| oriented(&s, inserting));
            (*p, *c, *n) = (mp, mc, mn);
        }
    }
    rebuild(segs)
}

/// `s`, or `s` seen from the other side (its two ranges swapped) when `flip`.
fn oriented(s: &Seg, flip: bool) -> Seg {
    let (l, r) = if flip {
        (s.r.clone(), s.l.clone())
    } else {
        (s.l.clone(), s.r.clone())
    };
    Seg {
        equal: s.equal,
        l,
        r,
    }
}

/// The deletion `cur` between the equalities `prev` and `next` moved to the best place
/// nearby, as the three new segments; `None` when it is best where it is. `side` holds the
/// deleted text (the `l` ranges), `other` the `r` ranges.
fn slid(prev: &Seg, cur: &Seg, next: &Seg, side: &Side<'_>, other: &Side<'_>) -> Option<[Seg; 3]> {
    let (a, b) = (cur.l.start, cur.l.end);
    // Steps it can move left, then right, while the text it moves over repeats.
    let mut back = 0;
    while back < MAX_SLIDE && back < prev.l.len().min(prev.r.len()) {
        let step = back + 1;
        let (Some(x), Some(y), Some(z)) = (
            a.checked_sub(step),
            b.checked_sub(step),
            prev.r.end.checked_sub(step),
        ) else {
            break;
        };
        if side.key(x) != side.key(y) || side.key(x) != other.key(z) {
            break;
        }
        back = step;
    }
    let mut fwd = 0;
    while fwd < MAX_SLIDE
        && fwd < next.l.len().min(next.r.len())
        && side.key(b + fwd) == side.key(a + fwd)
        && side.key(b + fwd) == other.key(next.r.start + fwd)
    {
        fwd += 1;
    }
    if back == 0 && fwd == 0 {
        return None;
    }
    let score = |start: usize, end: usize| edge(side, start, true) + edge(side, end, false);
    let mut best = (score(a, b), 0isize);
    for k in 1..=back {
        let s = score(a.saturating_sub(k), b.saturating_sub(k));
        if s > best.0 {
            best = (s, -(k as isize));
        }
    }
    for k in 1..=fwd {
        let s = score(a + k, b + k);
        if s > best.0 {
            best = (s, k as isize);
        }
    }
    let shift = best.1;
    if shift == 0 {
        return None;
    }
    let moved = |r: &Range<usize>, start: isize, end: isize| {
        (r.start as isize + start) as usize..(r.end as isize + end) as usize
    };
    // The equality before gives up (or takes) `shift` pairs, the one after the opposite.
    let at = moved(&prev.r, 0, shift).end;
    Some([
        Seg {
            equal: true,
            l: moved(&prev.l, 0, shift),
            r: moved(&prev.r, 0, shift),
        },
        Seg {
            equal: false,
            l: moved(&cur.l, shift, shift),
            r: at..at,
        },
        Seg {
            equal: true,
            l: moved(&next.l, shift, 0),
            r: moved(&next.r, shift, 0),
        },
    ])
}

/// How good a place the boundary before token `i` of `side` is for an edit to start
/// (`start`) or end at: line breaks best, then sentence ends, punctuation and spaces,
/// script changes. An edit should not start with a closing bracket nor end with an
/// opening one.
fn edge(side: &Side<'_>, i: usize, start: bool) -> u32 {
    let (Some(before), Some(after)) = (i.checked_sub(1).and_then(|j| side.token(j)), side.token(i))
    else {
        return 6;
    };
    let text = |t: &Token| side.text.get(t.bytes.clone()).unwrap_or("");
    let gap = side
        .text
        .get(before.bytes.end..after.bytes.start)
        .unwrap_or("");
    let last = text(before).chars().last().unwrap_or(' ');
    let first = text(after).chars().next().unwrap_or(' ');
    let line_before =
        has_char(gap, '\n') || (before.class == Class::Space && has_char(text(before), '\n'));
    let line_after = after.class == Class::Space && has_char(text(after), '\n');
    let spaced = !gap.is_empty() || before.class == Class::Space || after.class == Class::Space;
    if line_before || (line_after && !start) {
        5
    } else if super::token::ends_sentence(last) {
        4
    } else if (start && is_closing(first)) || (!start && is_opening(last)) {
        0
    } else if spaced {
        3
    } else if start {
        match (before.class, after.class) {
            (Class::Punct, _) if !is_opening(last) => 3,
            _ if is_opening(first) => 3,
            (_, Class::Punct) => 2,
            (b, a) if b != a => 2,
            _ => u32::from(is_function(last) || is_function(first)),
        }
    } else {
        match (before.class, after.class) {
            (_, Class::Punct) if !is_opening(first) => 3,
            (_, Class::Punct) => 2,
            (b, a) if b != a => 2,
            _ => u32::from(is_function(last) || is_function(first)),
        }
    }
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '（' | '(' | '《' | '〈' | '【' | '〔' | '「' | '『' | '[' | '{'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | ')' | '》' | '〉' | '】' | '〕' | '」' | '』' | ']' | '}'
    )
}

/// Characters that are words on their own in official prose (particles, prepositions,
/// conjunctions, modal verbs): an edit next to one of them does not take it in.
fn is_function(c: char) -> bool {
    let words = "的地得了着过和与及或并而且在是为于对向从由以把被将按经据等各每其之所也都又就才均应须可不未已至共该此这那个些即则如若因但凡";
    has_char(words, c)
}

/// Units that follow a number in dates and counts (`10日上午`): they belong to the number.
fn is_unit(c: char) -> bool {
    has_char("年月日号时分秒条款项章节次届个元天周", c)
}

/// Pass 4: one-character substitutions inside Chinese text grow to whole words.
fn whole_words(mut segs: Vec<Seg>, left: &Side<'_>, right: &Side<'_>) -> Vec<Seg> {
    let mut counts: Option<Bigrams> = None;
    for i in 1..segs.len().saturating_sub(1) {
        let (Some(prev), Some(cur), Some(next)) = (segs.get(i - 1), segs.get(i), segs.get(i + 1))
        else {
            continue;
        };
        if cur.equal || !prev.equal || !next.equal || cur.l.len() != 1 || cur.r.len() != 1 {
            continue;
        }
        let (Some(a), Some(b)) = (left.cjk_char(cur.l.start), right.cjk_char(cur.r.start)) else {
            continue;
        };
        let counts = counts.get_or_insert_with(|| Bigrams::new(&segs, left, right));
        let grow = choose(prev, cur, next, a, b, left, right, counts);
        let (back, fwd) = match grow {
            Grow::None => continue,
            Grow::Back(k) => (k, 0),
            Grow::Forward(k) => (0, k),
        };
        // The changed character takes `back` characters from the equal run before it, or `fwd`
        // from the one after.
        if let Some([p, c, n]) = segs.get_mut(i - 1..=i + 1) {
            p.l.end = p.l.end.saturating_sub(back);
            p.r.end = p.r.end.saturating_sub(back);
            c.l = c.l.start.saturating_sub(back)..c.l.end + fwd;
            c.r = c.r.start.saturating_sub(back)..c.r.end + fwd;
            n.l.start += fwd;
            n.r.start += fwd;
        }
    }
    rebuild(segs)
}

enum Grow {
    None,
    Back(usize),
    Forward(usize),
}

/// How a one-character substitution `a` → `b` grows into a word.
#[allow(clippy::too_many_arguments)]
fn choose(
    prev: &Seg,
    cur: &Seg,
    next: &Seg,
    a: char,
    b: char,
    left: &Side<'_>,
    right: &Side<'_>,
    counts: &Bigrams,
) -> Grow {
    // Equal neighbours on the left side, nearest first (the right side's are equal keys).
    let before = |k: usize| {
        let j = cur.l.start.checked_sub(k).filter(|&j| j >= prev.l.start)?;
        let rj = cur.r.start.checked_sub(k).filter(|&j| j >= prev.r.start)?;
        (left.key(j) == right.key(rj))
            .then(|| left.cjk_char(j))
            .flatten()
    };
    let after = |k: usize| {
        let (j, rj) = (cur.l.end + k - 1, cur.r.end + k - 1);
        let inside = j < next.l.end && rj < next.r.end && left.key(j) == right.key(rj);
        inside.then(|| left.cjk_char(j)).flatten()
    };
    let numeral = |c: char| numerals::value(c).is_some();
    if numeral(a) && numeral(b) {
        // A changed digit of a Chinese number shows the whole number changed.
        let back = (1..)
            .take_while(|&k| before(k).is_some_and(numeral))
            .count();
        let fwd = (1..).take_while(|&k| after(k).is_some_and(numeral)).count();
        return match (back, fwd) {
            (0, 0) => Grow::None,
            (k, 0) => Grow::Back(k),
            (0, k) => Grow::Forward(k),
            // Both ways would need two growths; the common case (十二 → 十一) is one.
            (k, _) => Grow::Back(k),
        };
    }
    let word_char = |c: Option<char>| c.filter(|&c| !is_function(c) && !numeral(c));
    // A unit right after a number belongs to the number, not to the edit.
    let after_number = |k: usize| {
        let j = cur.l.start.checked_sub(k + 1);
        j.and_then(|j| left.token(j))
            .is_some_and(|t| t.class == Class::Number)
            || before(k + 1).is_some_and(numeral)
    };
    let back_ok = word_char(before(1)).filter(|&c| !(is_unit(c) && after_number(1)));
    let fwd_ok = word_char(after(1));
    // How often the neighbour `c` stands with the edited characters, in reading order
    // (`forward`: the edit first). `None` when it stands more often with its own neighbour
    // `d` beyond, in both texts together: it belongs to another word. Leave it.
    let score = |c: char, d: Option<char>, forward: bool| {
        let pair = |x: char, y: char| {
            if forward {
                counts.get(x, y)
            } else {
                counts.get(y, x)
            }
        };
        let with_edit = pair(a, c) + pair(b, c);
        let bound = d
            .filter(|&d| !is_function(d))
            .is_some_and(|d| pair(c, d) > with_edit);
        (!bound).then_some(with_edit)
    };
    let back_score = back_ok.and_then(|c| score(c, before(2), false));
    let fwd_score = fwd_ok.and_then(|c| score(c, after(2), true));
    match (back_score, fwd_score) {
        // Growing forward must be backed by the texts: the pair recurs beyond this edit.
        (back, Some(f)) if f >= 3 && back.map_or(true, |bs| f > bs) => Grow::Forward(1),
        (Some(_), _) => Grow::Back(1),
        _ => Grow::None,
    }
}

/// How often two CJK characters stand next to each other in either text, counted only
/// for the pairs a substitution might form.
struct Bigrams {
    counts: FastMap<(char, char), u32>,
}

impl Bigrams {
    fn new(segs: &[Seg], left: &Side<'_>, right: &Side<'_>) -> Bigrams {
        // Characters that border a one-character substitution; only pairs with one of
        // them are counted, which keeps the table small.
        let mut wanted: FastMap<char, ()> = FastMap::default();
        for s in segs
            .iter()
            .filter(|s| !s.equal && s.l.len() == 1 && s.r.len() == 1)
        {
            for j in [
                s.l.start.checked_sub(2),
                s.l.start.checked_sub(1),
                Some(s.l.start),
                Some(s.l.end),
                Some(s.l.end + 1),
            ]
            .into_iter()
            .flatten()
            {
                if let Some(c) = left.cjk_char(j) {
                    wanted.insert(c, ());
                }
            }
            if let Some(c) = right.cjk_char(s.r.start) {
                wanted.insert(c, ());
            }
        }
        let mut counts = FastMap::default();
        for side in [left, right] {
            let mut prev: Option<char> = None;
            for i in 0..side.tokens.len() {
                let c = side.cjk_char(i);
                if let (Some(x), Some(y)) = (prev, c) {
                    if wanted.contains_key(&x) || wanted.contains_key(&y) {
                        *counts.entry((x, y)).or_insert(0) += 1;
                    }
                }
                prev = c;
            }
        }
        Bigrams { counts }
    }

    fn get(&self, x: char, y: char) -> u32 {
        self.counts.get(&(x, y)).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::token::keyed_pair;

    /// Runs one pass on a hand-made script over two texts; returns the changes as text.
    fn run(
        left: &str,
        right: &str,
        segs: &[(bool, Range<usize>, Range<usize>)],
        pass: fn(Vec<Seg>, &Side<'_>, &Side<'_>) -> Vec<Seg>,
    ) -> Vec<(String, String)> {
        let [(lt, lk), (rt, rk)] = keyed_pair(left, right);
        let (l, r) = (Side::new(left, &lt, &lk), Side::new(right, &rt, &rk));
        let segs = segs
            .iter()
            .map(|(equal, l, r)| Seg {
                equal: *equal,
                l: l.clone(),
                r: r.clone(),
            })
            .collect();
        let spell = |tokens: &[Token], text: &str, range: &Range<usize>| -> String {
            tokens[range.clone()]
                .iter()
                .map(|t| &text[t.bytes.clone()])
                .collect()
        };
        pass(segs, &l, &r)
            .iter()
            .filter(|s| !s.equal)
            .map(|s| (spell(&lt, left, &s.l), spell(&rt, right, &s.r)))
            .collect()
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn short_equalities_between_edits_are_absorbed() {
        // 加强对工会的组织 → 健全基层的服务: the shared 的 is chaff.
        let got = run(
            "加强对工会的组织",
            "健全基层的服务",
            &[(false, 0..5, 0..4), (true, 5..6, 4..5), (false, 6..8, 5..7)],
            absorb,
        );
        assert_eq!(got, owned(&[("加强对工会的组织", "健全基层的服务")]));
    }

    #[test]
    fn long_equalities_are_anchors() {
        // Thirteen shared characters between two rewrites stay equal however long the
        // rewrites: a reader wants to see them.
        let shared = "应当依法进行调查并及时处理的";
        let left = format!("甲乙丙丁戊己庚辛壬癸子丑寅卯辰{shared}一二三四五六七八九十甲乙丙丁戊");
        let right = format!("天地玄黄宇宙洪荒日月盈昃辰宿列{shared}春夏秋冬东西南北上下左右前后中");
        let n = shared.chars().count();
        let got = run(
            &left,
            &right,
            &[
                (false, 0..15, 0..15),
                (true, 15..15 + n, 15..15 + n),
                (false, 15 + n..30 + n, 15 + n..30 + n),
            ],
            absorb,
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn insertions_slide_to_sentence_boundaries() {
        // Inserting 新增一句。 after 。 can be shown as 。新增一句 before it; the boundary
        // after the full stop reads better.
        let got = run(
            "第一句。第二句。",
            "第一句。新增一句。第二句。",
            &[(true, 0..3, 0..3), (false, 3..3, 3..8), (true, 3..8, 8..13)],
            slide,
        );
        assert_eq!(got, owned(&[("", "新增一句。")]));
    }

    #[test]
    fn a_substituted_character_takes_in_its_word() {
        let got = run(
            "与周末连休",
            "与周六连休",
            &[(true, 0..2, 0..2), (false, 2..3, 2..3), (true, 3..5, 3..5)],
            whole_words,
        );
        assert_eq!(got, owned(&[("周末", "周六")]));
        // Never across a function word: 和 is a word of its own.
        let got = run(
            "和末",
            "和六",
            &[(true, 0..1, 0..1), (false, 1..2, 1..2)],
            whole_words,
        );
        assert_eq!(got, owned(&[("末", "六")]));
        // A unit after a number belongs to the number: 10日上午 → 10日下午 is 上 → 下.
        let got = run(
            "10日上午",
            "10日下午",
            &[(true, 0..2, 0..2), (false, 2..3, 2..3), (true, 3..4, 3..4)],
            whole_words,
        );
        assert_eq!(got, owned(&[("上", "下")]));
    }

    #[test]
    fn a_changed_digit_of_a_chinese_number_is_the_number() {
        let got = run(
            "第十二条",
            "第十三条",
            &[(true, 0..2, 0..2), (false, 2..3, 2..3), (true, 3..4, 3..4)],
            whole_words,
        );
        assert_eq!(got, owned(&[("十二", "十三")]));
    }
}
