//! Aligning one level: two lists of sibling blocks → links, then the same for the children
//! of every pair.
//!
//! The phases, each of which only adds pairs between blocks still free:
//! 0. fixed elements (title, document number, addressees, preamble, closing, signature,
//!    date, a section's heading) pair by kind when each side has exactly one;
//! 1. mutual best content matches above a high bar pair wherever they are;
//! 2. the heaviest in-order chain of those is taken as anchors, and between consecutive
//!    anchors the gaps are aligned in order with a lower bar (lower still for blocks of the
//!    same kind at the same rank of equally long gaps: what sits where a rewritten section
//!    sat is that section; and lower again in a loose level, where the two lists are
//!    different notices with one skeleton);
//! 3. strong matches still free pair out of order, and so do fairly similar blocks that
//!    are clearly each other's best (moves);
//! 4. a block whose content is spread over adjacent blocks of the other side (or the
//!    reverse) becomes a split (or a merge), judged by containment on content, headings
//!    or names;
//! 5. a block still free may pair with a block one or two levels down on the other side;
//! 6. the heaviest in-order chain of all pairs stays in place; the others are moves.
//!
//! Every choice is made from quantities that do not depend on which document is on the
//! left, and ties are broken the same way, so aligning B with A gives the mirror image of
//! aligning A with B.

use super::chain::{best_chain, Point, Value};
use super::profile::{
    containment, dice, dice_bound, group_similarity, mix, plain_dice, Id, Profile, Spread,
};
use super::tree::{same_text, Node, NodeId, Side};
use super::{Link, PairKind};
use crate::outline::BlockKind;
use std::cell::RefCell;
use std::cmp::Ordering;

pub(crate) const L: usize = 0;
pub(crate) const R: usize = 1;
/// Both sides, [`L`] then [`R`]: as a range, the compiler knows each is a valid index of a
/// pair, and indexing `[T; 2]` by side needs no bounds check.
pub(crate) const SIDES: std::ops::Range<usize> = L..R + 1;

/// `[f(L, &pair[L]), f(R, &pair[R])]`. A side passed to a closure is just a number to the
/// compiler, which then checks every `pair[s]` inside; this hands the closure its entry.
pub(crate) fn each_side<T, U>(pair: &[T; 2], mut f: impl FnMut(usize, &T) -> U) -> [U; 2] {
    let [l, r] = pair;
    [f(L, l), f(R, r)]
}

/// Content similarity above which a pair is trusted wherever the two blocks are.
pub(crate) const STRONG: f64 = 0.5;
/// Content similarity above which a block pairs out of order with a block that is clearly
/// its best match...
const MOVE: f64 = 0.3;
/// ...that is, this many times more similar than any other candidate of either.
const DISTINCT: f64 = 2.0;
/// Content similarity above which blocks between the same anchors pair.
const WEAK: f64 = 0.25;
/// Content similarity above which blocks of the same kind at the same rank of equally
/// long gaps pair (and any blocks of the same kind in a loose level).
const RELAXED: f64 = 0.1;
/// Blocks whose sizes differ by more than this factor pair only on clear evidence.
const SIZE_RATIO: usize = 4;
/// Below this affinity a level is loose: different notices on one subject.
const LOOSE: f64 = 0.35;
/// In a loose level, the content similarity above which body blocks between the same
/// anchors pair...
const LOOSE_BAR: f64 = 0.08;
/// ...and above which blocks of the same kind at the same rank of equally long gaps pair.
const LOOSE_RANK: f64 = 0.05;
/// In a loose level, the content similarity a pair across levels needs.
const LOOSE_CROSS: f64 = 0.12;
/// Content similarity blocks of unrelated kinds (a title and a paragraph, clutter and a
/// section) need before they may pair at all.
const STRICT: f64 = 0.6;
/// How much of a part must be found in the whole for the part to join a merge or split.
const PART: f64 = 0.5;
/// The same, for a part whose name (元旦：) the whole bears.
const NAMED_PART: f64 = 0.3;
/// A merge or split must be at least this similar to its counterpart...
const GROUP_MIN: f64 = 0.3;
/// ...and this much more similar than the one-to-one pair it replaces.
const GROUP_GAIN: f64 = 0.05;
/// Similarity to one child of a block above which another block is that child (moved a
/// level up or out), not a part of a merge or split.
const CHILD: f64 = 0.85;
/// Least similarity between a whole and a candidate part of a merge or split.
const PARTNER: f64 = 0.1;
/// Most blocks on one side of a merge or split.
const GROUP_MAX: usize = 8;
/// Content similarity a pair across levels needs...
const CROSS: f64 = 0.35;
/// ...and by how much it must beat the deeper block's best match at its own level.
const CROSS_MARGIN: f64 = 0.05;
/// Above this much work (profile entries compared) candidates come from an index of rare
/// grams instead of all pairs...
const ALL_PAIRS_WORK: usize = 4_000_000;
/// ...as they do when there would be more pairs than this.
const ALL_PAIRS: usize = 65_536;
/// In index mode, the partners kept per block...
const TOP_K: usize = 6;
/// ...grams found in more blocks than this are skipped as uninformative...
const POSTING_CAP: usize = 32;
/// ...and a block is looked up by at most this many of its rarest grams.
const QUERY_GRAMS: usize = 24;
/// Most free blocks of a level for which pairs across levels are sought.
const CROSS_FREE_CAP: usize = 512;
/// Most descendants a block's own level is searched over when judging a cross-level pair.
const LOCAL_CAP: usize = 32;
/// Margin on [`Aligner::content_bound`] against rounding: pairs are skipped only when they
/// clearly cannot reach a bar.
const BOUND_SLACK: f64 = 1e-9;

/// Scores of one candidate pair at a level.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cand {
    /// Positions in the level's left and right lists.
    pub(crate) p: [usize; 2],
    /// `sim`, raised when the headings agree better than the bodies.
    content: f64,
    /// Content plus small structural terms: the order in which candidates are considered.
    rank: f64,
    /// Side-independent tie-breaker.
    tie: u64,
}

/// The order candidates are considered in: best first, ties broken by position and then
/// by content, all in ways that read the same with the sides swapped.
fn before(a: &Cand, b: &Cand) -> Ordering {
    b.rank
        .total_cmp(&a.rank)
        .then((a.p[L] + a.p[R]).cmp(&(b.p[L] + b.p[R])))
        .then(a.p[L].abs_diff(a.p[R]).cmp(&b.p[L].abs_diff(b.p[R])))
        .then(a.tie.cmp(&b.tie))
}

/// The indices `0..n` ordered by `key` (below `keys`; larger keys count as the last),
/// indices with equal keys in increasing order: a counting sort.
fn by_key(n: usize, keys: usize, key: impl Fn(usize) -> usize) -> Vec<usize> {
    let last = keys.saturating_sub(1);
    let mut start = vec![0usize; last + 2];
    for k in 0..n {
        if let Some(c) = start.get_mut(key(k).min(last) + 1) {
            *c += 1;
        }
    }
    for i in 1..start.len() {
        let before = start.get(i - 1).copied().unwrap_or(0);
        if let Some(c) = start.get_mut(i) {
            *c += before;
        }
    }
    let mut out = vec![0usize; n];
    for k in 0..n {
        if let Some(at) = start.get_mut(key(k).min(last)) {
            if let Some(slot) = out.get_mut(*at) {
                *slot = k;
            }
            *at += 1;
        }
    }
    out
}

fn sym_tie(a: u64, b: u64, x: usize, y: usize) -> u64 {
    let h = mix(mix(0, a.min(b)), a.max(b));
    mix(mix(h, x.min(y) as u64), x.max(y) as u64)
}

/// How readily two kinds of block pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compat {
    /// Same kind.
    Same,
    /// Both body text (section, paragraph, preamble, closing…): numbering may have been
    /// stripped or added, or the outliner judged a borderline line differently.
    Loose,
    /// Anything else: only near-identical content pairs them.
    Strict,
}

fn is_meta(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Title
            | BlockKind::DocNumber
            | BlockKind::Addressee
            | BlockKind::Signature
            | BlockKind::Date
    )
}

fn compat(a: BlockKind, b: BlockKind) -> Compat {
    if a == b {
        Compat::Same
    } else if is_meta(a) || is_meta(b) || a == BlockKind::Clutter || b == BlockKind::Clutter {
        Compat::Strict
    } else {
        Compat::Loose
    }
}

/// Kinds that pair by kind alone when each side has exactly one at a level.
const BY_KIND: [BlockKind; 8] = [
    BlockKind::Title,
    BlockKind::DocNumber,
    BlockKind::Addressee,
    BlockKind::Preamble,
    BlockKind::Closing,
    BlockKind::Signature,
    BlockKind::Date,
    BlockKind::Heading,
];

/// What a merge or split is judged on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Aspect {
    Content,
    Heading,
    Name,
}

impl Aspect {
    fn of<'n>(self, node: &'n Node) -> Option<&'n Profile> {
        match self {
            Aspect::Content => Some(&node.profile),
            Aspect::Heading => node.heading.as_ref(),
            Aspect::Name => node.name.as_ref(),
        }
    }
}

/// Blocks paired at a level.
#[derive(Debug, Clone)]
struct Match {
    /// Node ids on each side, in document order. A cross-level pair holds a node of this
    /// level on one side and a deeper node on the other.
    nodes: [Vec<NodeId>; 2],
    /// Their positions in the level's lists (none for the deeper node of a cross-level pair).
    pos: [Vec<usize>; 2],
    /// Whether this is a merge or split.
    group: bool,
}

/// The working state of one level.
struct Level {
    ids: [Vec<NodeId>; 2],
    /// For each position, the match holding it.
    owner: [Vec<Option<usize>>; 2],
    /// Matches; `None` once dissolved into a merge or split.
    matches: Vec<Option<Match>>,
}

impl Level {
    /// The node at position `p` of side `s` (an id no node has when out of range).
    fn id(&self, s: usize, p: usize) -> NodeId {
        self.ids
            .get(s)
            .and_then(|ids| ids.get(p))
            .copied()
            .unwrap_or(NodeId::MAX)
    }

    /// The match holding position `p` of side `s`: `Some(None)` when the position is free,
    /// `None` when there is no such position.
    fn owner(&self, s: usize, p: usize) -> Option<Option<usize>> {
        self.owner.get(s)?.get(p).copied()
    }

    fn free(&self, s: usize, p: usize) -> bool {
        matches!(self.owner(s, p), Some(None))
    }

    fn add(&mut self, pos: [Vec<usize>; 2], group: bool) {
        let index = self.matches.len();
        let mut nodes: [Vec<NodeId>; 2] = [Vec::new(), Vec::new()];
        for s in SIDES {
            for &p in &pos[s] {
                if let (Some(slot), Some(&id)) = (self.owner[s].get_mut(p), self.ids[s].get(p)) {
                    *slot = Some(index);
                    nodes[s].push(id);
                }
            }
        }
        self.matches.push(Some(Match { nodes, pos, group }));
    }

    fn pair(&mut self, p: [usize; 2]) {
        self.add([vec![p[L]], vec![p[R]]], false);
    }

    /// Removes a match and frees its positions.
    fn dissolve(&mut self, index: usize) {
        if let Some(slot) = self.matches.get_mut(index) {
            *slot = None;
        }
        for owners in &mut self.owner {
            for o in owners.iter_mut() {
                if *o == Some(index) {
                    *o = None;
                }
            }
        }
    }

    /// The one-to-one partner of position `p` on side `s`, if it has exactly one.
    fn partner(&self, s: usize, p: usize) -> Option<usize> {
        let m = self.owner(s, p).flatten()?;
        let m = self.matches.get(m)?.as_ref()?;
        match (m.group, m.pos.get(1 - s)?.as_slice()) {
            (false, [q]) => Some(*q),
            _ => None,
        }
    }
}

/// The aligner: both sides, and the nodes already paired across levels.
pub(crate) struct Aligner<'a> {
    sides: [Side<'a>; 2],
    claimed: [Vec<bool>; 2],
    /// Scratch for the inverted index, one slot per gram rank (all zero between uses):
    /// where each gram's postings start and end.
    postings: RefCell<[Vec<u32>; 2]>,
    /// Scratch for [`Spread`]: one slot per gram rank, all zero between uses.
    spread: RefCell<Vec<f64>>,
    /// The same, for [`Aligner::best_child`], which runs while a candidate's profile is
    /// spread.
    spread_child: RefCell<Vec<f64>>,
}

impl<'a> Aligner<'a> {
    pub(crate) fn new(left: Side<'a>, right: Side<'a>) -> Aligner<'a> {
        let claimed = [
            vec![false; left.nodes.len()],
            vec![false; right.nodes.len()],
        ];
        let grams = left.grams.max(right.grams);
        Aligner {
            sides: [left, right],
            claimed,
            postings: RefCell::new([vec![0; grams], vec![0; grams]]),
            spread: RefCell::new(vec![0.0; grams]),
            spread_child: RefCell::new(vec![0.0; grams]),
        }
    }

    /// Aligns the top-level blocks and, recursively, everything below them.
    pub(crate) fn run(&mut self) -> Vec<Link> {
        let ids = [self.sides[L].roots.clone(), self.sides[R].roots.clone()];
        self.level(ids)
    }

    /// The nodes of side `s`.
    pub(crate) fn nodes(&self, s: usize) -> &[Node<'a>] {
        self.sides.get(s).map_or(&[], |side| side.nodes.as_slice())
    }

    fn node(&self, s: usize, id: NodeId) -> Option<&Node<'a>> {
        self.sides.get(s)?.nodes.get(id)
    }

    /// Whether node `id` of side `s` is paired across levels already (`None` for no such
    /// node).
    fn is_claimed(&self, s: usize, id: NodeId) -> Option<bool> {
        self.claimed.get(s)?.get(id).copied()
    }

    fn children(&self, s: usize, id: NodeId) -> &[NodeId] {
        self.node(s, id).map_or(&[], |n| n.children.as_slice())
    }

    fn kind(&self, s: usize, id: NodeId) -> BlockKind {
        self.node(s, id)
            .map_or(BlockKind::Paragraph, |n| n.block.kind)
    }

    fn exact(&self, s: usize, id: NodeId) -> u64 {
        self.node(s, id).map_or(0, |n| n.exact)
    }

    pub(crate) fn start(&self, s: usize, id: NodeId) -> usize {
        self.node(s, id).map_or(0, Node::start)
    }

    fn size(&self, s: usize, id: NodeId) -> usize {
        self.node(s, id).map_or(0, |n| n.size)
    }

    fn profile(&self, s: usize, id: NodeId) -> Option<&Profile> {
        self.node(s, id).map(|n| &n.profile)
    }

    /// (dice, content) of a left and a right node.
    fn similarity(&self, l: NodeId, r: NodeId) -> (f64, f64) {
        self.similarity_with(l, r, None)
    }

    /// [`Aligner::similarity`], with the profile of the block on side `spread.1` already
    /// spread when `spread` is given.
    /// (Dice reads the same both ways round, to the bit, so either side may be spread.)
    fn similarity_with(
        &self,
        l: NodeId,
        r: NodeId,
        spread: Option<(&Spread, usize)>,
    ) -> (f64, f64) {
        let (Some(a), Some(b)) = (self.node(L, l), self.node(R, r)) else {
            return (0.0, 0.0);
        };
        let sim = match spread {
            Some((s, L)) => s.dice(&b.profile),
            Some((s, _)) => s.dice(&a.profile),
            None => dice(&a.profile, &b.profile),
        };
        let content = match (&a.heading, &b.heading) {
            // A section is its heading and its body: when a heading survives a rewrite of
            // the body, or the reverse, the pair still corresponds.
            (Some(ha), Some(hb)) => sim.max(0.5 * dice(ha, hb) + 0.5 * sim),
            _ => sim,
        };
        let content = match (&a.name, &b.name) {
            // Items of a list share a template and differ in the name that opens them
            // (端午节：… / 清明节：…): different names, different items.
            (Some(na), Some(nb)) => content * (0.5 + 0.5 * dice(na, nb)),
            _ => content,
        };
        (sim, content)
    }

    /// The best dice between node `x` (on the side opposite `s`) and a body descendant
    /// (one or two levels down, not a heading) of node `parent` on side `s`.
    fn best_child(&self, s: usize, parent: NodeId, x: NodeId) -> f64 {
        let around = self.descendants(s, &[parent]);
        if around.len() > LOCAL_CAP {
            return 0.0;
        }
        let Some(px) = self.profile(1 - s, x) else {
            return 0.0;
        };
        let profiles = around.iter().filter_map(|&c| self.profile(s, c));
        // Dice reads the same both ways round, to the bit.
        let mut table = self.spread_child.try_borrow_mut().ok();
        match table.as_deref_mut() {
            Some(table) => {
                let spread = Spread::new(table, px);
                profiles.map(|pc| spread.dice(pc)).fold(0.0, f64::max)
            }
            None => profiles.map(|pc| dice(pc, px)).fold(0.0, f64::max),
        }
    }

    /// Whether paragraph `x` (on the side opposite `s`) resembles one body child of `parent`
    /// (on side `s`) better than `parent` as a whole: then `x` is that child, displaced
    /// (the outliner attached a closing paragraph to the last section on one side only,
    /// or a paragraph moved in or out of a section), and pairing it with the whole section
    /// would hide that.
    fn is_displaced_child(&self, s: usize, parent: NodeId, x: NodeId, whole_sim: f64) -> bool {
        !self.children(s, parent).is_empty()
            && self.is_leaf_like(1 - s, x)
            && self.best_child(s, parent, x) > whole_sim
    }

    /// Whether a block is one paragraph: no children, or a single child and no heading (an
    /// outliner may wrap an unnumbered paragraph in a section of its own).
    fn is_leaf_like(&self, s: usize, id: NodeId) -> bool {
        match self.children(s, id) {
            [] => true,
            [only] => self.kind(s, *only) != BlockKind::Heading,
            _ => false,
        }
    }

    /// The candidate at positions `p`, `q`; `spread`, one of their profiles spread.
    fn cand(
        &self,
        ids: &[Vec<NodeId>; 2],
        p: usize,
        q: usize,
        spread: Option<(&Spread, usize)>,
    ) -> Option<Cand> {
        let (&l, &r) = (ids[L].get(p)?, ids[R].get(q)?);
        let (sim, content) = self.similarity_with(l, r, spread);
        // Blocks with nothing left once normalised (a label alone, punctuation) have no
        // grams to compare; the same text is still the same block.
        let (sim, content) = if self.size(L, l) == 0 && self.size(R, r) == 0 {
            if self.same_text(&[vec![l], vec![r]]) {
                (1.0, 1.0)
            } else {
                return None;
            }
        } else {
            (sim, content)
        };
        if content <= 0.0 {
            return None;
        }
        if sim >= 0.1
            && (self.is_displaced_child(L, l, r, sim) || self.is_displaced_child(R, r, l, sim))
        {
            return None;
        }
        let bonus = match compat(self.kind(L, l), self.kind(R, r)) {
            Compat::Same => 0.05,
            Compat::Loose => 0.0,
            Compat::Strict => -0.1,
        };
        let rel = |p: usize, n: usize| (p as f64 + 0.5) / n.max(1) as f64;
        let near = 1.0 - (rel(p, ids[L].len()) - rel(q, ids[R].len())).abs();
        Some(Cand {
            p: [p, q],
            content,
            rank: content + bonus + 0.02 * near,
            tie: sym_tie(self.exact(L, l), self.exact(R, r), p, q),
        })
    }

    /// Whether the pair at positions `p`, `q` may have content of at least `floor`.
    fn may_reach(&self, ids: &[Vec<NodeId>; 2], p: usize, q: usize, floor: f64) -> bool {
        let (Some(&l), Some(&r)) = (ids[L].get(p), ids[R].get(q)) else {
            return false;
        };
        // Blocks with nothing left once normalised pair on their text (see `cand`).
        (self.size(L, l) == 0 && self.size(R, r) == 0)
            || self.content_bound(l, r) + BOUND_SLACK >= floor
    }

    pub(crate) fn allowed(&self, ids: &[Vec<NodeId>; 2], c: &Cand, bar: f64) -> bool {
        let (Some(&l), Some(&r)) = (ids[L].get(c.p[L]), ids[R].get(c.p[R])) else {
            return false;
        };
        let bar = if compat(self.kind(L, l), self.kind(R, r)) == Compat::Strict {
            bar.max(STRICT)
        } else {
            bar
        };
        c.content >= bar
    }

    /// An upper bound of the `content` [`Aligner::similarity`] would give, from the masses
    /// alone: Dice cannot exceed `2·min / (a + b)`.
    fn content_bound(&self, l: NodeId, r: NodeId) -> f64 {
        let (Some(a), Some(b)) = (self.node(L, l), self.node(R, r)) else {
            return 0.0;
        };
        let sim = dice_bound(&a.profile, &b.profile);
        match (&a.heading, &b.heading) {
            (Some(ha), Some(hb)) => sim.max(0.5 * dice_bound(ha, hb) + 0.5 * sim),
            // The name factor is at most 1.
            _ => sim,
        }
    }

    /// Candidate pairs between two lists of nodes, sorted by [`before`]. All pairs when
    /// that is cheap; otherwise those sharing rare grams or identical content. Pairs whose
    /// content cannot reach `floor` are left out without being scored (`floor` is 0 when the
    /// caller needs every candidate, as a level does to find each block's best).
    pub(crate) fn candidates(&self, ids: &[Vec<NodeId>; 2], floor: f64) -> Vec<Cand> {
        let (n, m) = (ids[L].len(), ids[R].len());
        if n == 0 || m == 0 {
            return Vec::new();
        }
        let entries = |s: usize| -> usize {
            ids[s]
                .iter()
                .filter_map(|&id| self.profile(s, id))
                .map(Profile::len)
                .sum()
        };
        let work = m
            .saturating_mul(entries(L))
            .saturating_add(n.saturating_mul(entries(R)));
        let all = n.saturating_mul(m);
        let pairs: Vec<(usize, usize)> =
            if all <= 256 || (work <= ALL_PAIRS_WORK && all <= ALL_PAIRS) {
                let mut pairs = Vec::with_capacity(all);
                for p in 0..n {
                    for q in 0..m {
                        pairs.push((p, q));
                    }
                }
                pairs
            } else {
                self.indexed_pairs(ids)
            };
        // Each block's profile is spread once and compared with all its partners; a
        // comparison costs the partner's length, so the side whose blocks are spread is the
        // one that makes the gathers cheaper (a whole section against the paragraphs of
        // the other side: spread the section).
        let len = |s: usize, p: usize| {
            ids[s]
                .get(p)
                .and_then(|&id| self.profile(s, id))
                .map_or(0, Profile::len)
        };
        let gathers = |s: usize| -> usize {
            pairs
                .iter()
                .map(|&(p, q)| if s == L { len(R, q) } else { len(L, p) })
                .sum()
        };
        let spread_side = if gathers(R) < gathers(L) { R } else { L };
        let at = |k: usize| pairs.get(k).map_or([0, 0], |&(p, q)| [p, q]);
        let order: Vec<usize> = if spread_side == R {
            // Pairs by right position, each position's in pair order: a counting sort.
            by_key(pairs.len(), m, |k| at(k)[R])
        } else {
            (0..pairs.len()).collect()
        };
        // Scored in that order, kept in pair order: ties in the sort below stay as they
        // were whichever side was spread.
        let mut scored: Vec<Option<Cand>> = vec![None; pairs.len()];
        let mut table = self.spread.try_borrow_mut().ok();
        for group in order.chunk_by(|&a, &b| at(a)[spread_side] == at(b)[spread_side]) {
            let spread_profile = group.first().and_then(|&k| {
                let p = at(k)[spread_side];
                ids[spread_side]
                    .get(p)
                    .and_then(|&id| self.profile(spread_side, id))
            });
            let spread = match (table.as_deref_mut(), spread_profile) {
                (Some(table), Some(profile)) => Some((Spread::new(table, profile), spread_side)),
                _ => None,
            };
            for &k in group {
                let [p, q] = at(k);
                if floor > 0.0 && !self.may_reach(ids, p, q, floor) {
                    continue;
                }
                if let Some(slot) = scored.get_mut(k) {
                    *slot = self.cand(ids, p, q, spread.as_ref().map(|(s, side)| (s, *side)));
                }
            }
        }
        let mut cands: Vec<Cand> = scored.into_iter().flatten().collect();
        crate::sort::sort_by(&mut cands, before);
        cands
    }

    /// Pairs sharing the most rare-gram mass (the top few for each node, seen from both
    /// sides), plus pairs of identical content near the same rank among their duplicates.
    fn indexed_pairs(&self, ids: &[Vec<NodeId>; 2]) -> Vec<(usize, usize)> {
        let mut guard = self.postings.try_borrow_mut().ok();
        let mut fresh: [Vec<u32>; 2];
        let [start, end] = match guard.as_deref_mut() {
            Some(scratch) => scratch,
            // Not reentrant, so never taken; but nothing here may panic.
            None => {
                let n = self.sides[L].grams.max(self.sides[R].grams);
                fresh = [vec![0; n], vec![0; n]];
                &mut fresh
            }
        };
        // Postings of every gram in one array, laid out by a counting sort: for each gram,
        // the blocks holding it in (side, position) order. The slots per gram live in the
        // dense scratch, and only the grams of this level are touched and reset, so the
        // cost is that of the level's profiles.
        let mut touched: Vec<Id> = Vec::new();
        let mut entries = 0usize;
        for s in SIDES {
            for &id in &ids[s] {
                let Some(profile) = self.profile(s, id) else {
                    continue;
                };
                for (g, _) in profile.entries() {
                    if let Some(n) = end.get_mut(g as usize) {
                        if *n == 0 {
                            touched.push(g);
                        }
                        *n += 1;
                        entries += 1;
                    }
                }
            }
        }
        let mut next = 0u32;
        for &g in &touched {
            if let (Some(a), Some(b)) = (start.get_mut(g as usize), end.get_mut(g as usize)) {
                let n = *b;
                *a = next;
                *b = next;
                next += n;
            }
        }
        let mut slots: Vec<(usize, usize, f64)> = vec![(0, 0, 0.0); entries];
        for s in SIDES {
            for (p, &id) in ids[s].iter().enumerate() {
                let Some(profile) = self.profile(s, id) else {
                    continue;
                };
                for (g, mass) in profile.entries() {
                    if let Some(b) = end.get_mut(g as usize) {
                        if let Some(slot) = slots.get_mut(*b as usize) {
                            *slot = (s, p, mass);
                        }
                        *b += 1;
                    }
                }
            }
        }
        let posting = |g: Id| -> &[(usize, usize, f64)] {
            match (start.get(g as usize), end.get(g as usize)) {
                (Some(&a), Some(&b)) => slots.get(a as usize..b as usize).unwrap_or(&[]),
                _ => &[],
            }
        };
        let mut pairs = Vec::new();
        let mut keys: Vec<(usize, Id, f64)> = Vec::new();
        for s in SIDES {
            let o = 1 - s;
            let n_o = ids[o].len().max(1) as f64;
            let n_s = ids[s].len().max(1) as f64;
            // Shared mass with each block of the other side, and which ones were touched.
            let mut acc: Vec<f64> = vec![0.0; ids[o].len()];
            let mut touched: Vec<usize> = Vec::new();
            for (p, &id) in ids[s].iter().enumerate() {
                let Some(profile) = self.profile(s, id) else {
                    continue;
                };
                // A block is found by its rarest grams; common ones would only add noise
                // and time.
                keys.clear();
                keys.extend(profile.entries().filter_map(|(g, mass)| {
                    let n = posting(g).len();
                    (n <= POSTING_CAP).then_some((n, g, mass))
                }));
                // Only the rarest few are used. Keys come in gram order and posting
                // lengths are small, so a counting sort by length orders them by (length,
                // gram).
                let order = by_key(keys.len(), POSTING_CAP + 1, |k| {
                    keys.get(k).map_or(POSTING_CAP, |key| key.0)
                });
                let rarest: Vec<(usize, Id, f64)> = order
                    .iter()
                    .take(QUERY_GRAMS)
                    .filter_map(|&k| keys.get(k).copied())
                    .collect();
                for &(_, g, mass) in &rarest {
                    for &(t, q, m) in posting(g) {
                        if t != o {
                            continue;
                        }
                        if let Some(a) = acc.get_mut(q) {
                            if *a == 0.0 {
                                touched.push(q);
                            }
                            *a += mass.min(m);
                        }
                    }
                }
                let shared: Vec<(usize, f64)> = touched
                    .drain(..)
                    .filter_map(|q| Some((q, std::mem::take(acc.get_mut(q)?))))
                    .collect();
                let rel = (p as f64 + 0.5) / n_s;
                let far = |q: usize| ((q as f64 + 0.5) / n_o - rel).abs();
                // A block of a large level may share rare grams with hundreds of others;
                // only the first few in this order are kept, so the rest is not sorted.
                let best = crate::sort::first_by(&shared, TOP_K, |a, b| {
                    b.1.total_cmp(&a.1)
                        .then(far(a.0).total_cmp(&far(b.0)))
                        .then(a.0.cmp(&b.0))
                });
                for &(q, _) in &best {
                    pairs.push(if s == L { (p, q) } else { (q, p) });
                }
            }
        }
        for &g in &touched {
            if let Some(a) = start.get_mut(g as usize) {
                *a = 0;
            }
            if let Some(b) = end.get_mut(g as usize) {
                *b = 0;
            }
        }
        // Blocks by content, each side's in order.
        let mut same: Vec<(u64, usize, usize)> = Vec::new();
        for s in SIDES {
            for (p, &id) in ids[s].iter().enumerate() {
                if self.size(s, id) > 0 {
                    same.push((self.exact(s, id), s, p));
                }
            }
        }
        crate::sort::sort(&mut same);
        for group in same.chunk_by(|a, b| a.0 == b.0) {
            let Some((left, right)) = group.split_at_checked(group.partition_point(|e| e.1 == L))
            else {
                continue;
            };
            for (rank, &(_, _, p)) in left.iter().enumerate() {
                let lo = rank.saturating_sub(2);
                for &(_, _, q) in right.iter().skip(lo).take(5) {
                    pairs.push((p, q));
                }
            }
        }
        // In (p, q) order without duplicates: two counting sorts (by q, then stably by p),
        // linear where a comparison sort of the many pairs of a large level is not.
        let (n, m) = (ids[L].len(), ids[R].len());
        let at = |k: usize| pairs.get(k).copied().unwrap_or((0, 0));
        let by_q = by_key(pairs.len(), m, |k| at(k).1);
        let by_p = by_key(by_q.len(), n, |k| by_q.get(k).map_or(0, |&j| at(j).0));
        let mut sorted: Vec<(usize, usize)> = by_p
            .iter()
            .filter_map(|&k| pairs.get(*by_q.get(k)?).copied())
            .collect();
        sorted.dedup();
        sorted
    }

    /// Aligns two lists of sibling nodes and everything below them.
    fn level(&mut self, ids: [Vec<NodeId>; 2]) -> Vec<Link> {
        let ids = each_side(&ids, |s, ids| {
            ids.iter()
                .copied()
                .filter(|&id| !self.is_claimed(s, id).unwrap_or(true))
                .collect::<Vec<_>>()
        });
        let mut lv = Level {
            owner: [vec![None; ids[L].len()], vec![None; ids[R].len()]],
            ids,
            matches: Vec::new(),
        };
        self.by_kind(&mut lv);
        let fixed = lv.matches.len();
        let cands = self.candidates(&lv.ids, 0.0);
        self.mutual_best(&mut lv, &cands);
        // Different notices on one subject share a skeleton: comparable numbers of blocks.
        let (n, m) = (lv.ids[L].len(), lv.ids[R].len());
        let parallel = n.min(m).saturating_mul(2) >= n.max(m);
        let loose = parallel && self.affinity(&lv, fixed) < LOOSE;
        self.gaps(&mut lv, &cands, loose);
        self.moves(&mut lv, &cands);
        self.groups(&mut lv, &cands);
        self.cross(&mut lv, loose);
        self.finish(lv)
    }

    /// Phase 0: fixed elements pair by kind.
    fn by_kind(&self, lv: &mut Level) {
        for kind in BY_KIND {
            let of = |s: usize| -> Vec<usize> {
                (0..lv.ids[s].len())
                    .filter(|&p| self.kind(s, lv.id(s, p)) == kind)
                    .collect()
            };
            if let ([p], [q]) = (of(L).as_slice(), of(R).as_slice()) {
                lv.pair([*p, *q]);
            }
        }
    }

    /// Phase 1: pairs each other's best candidate, with strong content.
    fn mutual_best(&self, lv: &mut Level, cands: &[Cand]) {
        let mut best: [Vec<Option<usize>>; 2] =
            [vec![None; lv.ids[L].len()], vec![None; lv.ids[R].len()]];
        for (k, c) in cands.iter().enumerate() {
            if !(lv.free(L, c.p[L]) && lv.free(R, c.p[R]) && self.allowed(&lv.ids, c, 0.0)) {
                continue;
            }
            for s in SIDES {
                if let Some(slot @ None) = best[s].get_mut(c.p[s]) {
                    *slot = Some(k);
                }
            }
        }
        for (k, c) in cands.iter().enumerate() {
            let mutual =
                best[L].get(c.p[L]) == Some(&Some(k)) && best[R].get(c.p[R]) == Some(&Some(k));
            if mutual && self.allowed(&lv.ids, c, STRONG) {
                lv.pair(c.p);
            }
        }
    }

    /// The share of the level's content (by size, both sides) in pairs found on content
    /// alone (matches from index `from` on): high for two versions of one document, low
    /// for two documents on one subject.
    fn affinity(&self, lv: &Level, from: usize) -> f64 {
        let size =
            |s: usize, ids: &[NodeId]| -> usize { ids.iter().map(|&id| self.size(s, id)).sum() };
        let total = size(L, &lv.ids[L]) + size(R, &lv.ids[R]);
        let paired: usize = lv
            .matches
            .iter()
            .skip(from)
            .flatten()
            .map(|m| size(L, &m.nodes[L]) + size(R, &m.nodes[R]))
            .sum();
        if total == 0 {
            1.0
        } else {
            paired as f64 / total as f64
        }
    }

    /// Which pairs stay in place: the heaviest chain in document order. Pairs count
    /// first, then their size, so the smaller of two swapped sections is the one that
    /// moved. `None` entries take no part.
    pub(crate) fn stays_in_place(&self, pairs: &[Option<[&[NodeId]; 2]>]) -> Vec<bool> {
        let mut points = Vec::new();
        let mut owners = Vec::new();
        for (k, pair) in pairs.iter().enumerate() {
            let Some(nodes) = pair else { continue };
            let (Some(&l), Some(&r)) = (nodes[L].first(), nodes[R].first()) else {
                continue;
            };
            let size: usize = ([L, R].into_iter().zip(nodes))
                .flat_map(|(s, ids)| ids.iter().map(move |&id| self.size(s, id)))
                .sum();
            points.push(Point {
                i: self.start(L, l),
                j: self.start(R, r),
                value: Value {
                    weight: 1e9 + size.min(999_999_999) as f64,
                    tie: sym_tie(
                        self.exact(L, l),
                        self.exact(R, r),
                        self.start(L, l),
                        self.start(R, r),
                    ),
                },
            });
            owners.push(k);
        }
        let mut keep = vec![false; pairs.len()];
        for p in best_chain(&points) {
            if let Some(slot) = owners.get(p).and_then(|&k| keep.get_mut(k)) {
                *slot = true;
            }
        }
        keep
    }

    /// Which matches stay in place (none of the dissolved ones).
    fn in_place(&self, lv: &Level) -> Vec<bool> {
        let pairs: Vec<Option<[&[NodeId]; 2]>> = lv
            .matches
            .iter()
            .map(|m| {
                m.as_ref()
                    .map(|m| [m.nodes[L].as_slice(), m.nodes[R].as_slice()])
            })
            .collect();
        self.stays_in_place(&pairs)
    }

    /// Phase 2: aligns in order what lies between consecutive anchors. When `loose`, the
    /// two lists have little in common (different notices on one subject rather than two
    /// versions of one), and blocks of the same kind pair on modest similarity.
    fn gaps(&self, lv: &mut Level, cands: &[Cand], loose: bool) {
        // Anchor positions, increasing on both sides.
        let mut anchors: Vec<[usize; 2]> = (lv.matches.iter().zip(self.in_place(lv)))
            .filter_map(|(m, stays)| {
                let m = m.as_ref().filter(|_| stays)?;
                Some([*m.pos[L].first()?, *m.pos[R].first()?])
            })
            .collect();
        crate::sort::sort(&mut anchors);
        let gap_of =
            |s: usize, p: usize| anchors.partition_point(|a| a.get(s).is_some_and(|&x| x < p));
        // Free positions per gap, to know each one's rank and the gap's size.
        let n_gaps = anchors.len() + 1;
        let mut members: [Vec<usize>; 2] = [vec![0; n_gaps], vec![0; n_gaps]];
        let mut rank: [Vec<usize>; 2] = [vec![0; lv.ids[L].len()], vec![0; lv.ids[R].len()]];
        for s in SIDES {
            for p in 0..lv.ids[s].len() {
                if lv.free(s, p) {
                    if let (Some(count), Some(r)) =
                        (members[s].get_mut(gap_of(s, p)), rank[s].get_mut(p))
                    {
                        *r = *count;
                        *count += 1;
                    }
                }
            }
        }
        let mut points: Vec<Vec<Point>> = vec![Vec::new(); n_gaps];
        for c in cands {
            if !(lv.free(L, c.p[L]) && lv.free(R, c.p[R])) {
                continue;
            }
            let g = gap_of(L, c.p[L]);
            if g != gap_of(R, c.p[R]) {
                continue;
            }
            let same_rank = members[L].get(g) == members[R].get(g)
                && rank[L].get(c.p[L]) == rank[R].get(c.p[R]);
            let same_kind = compat(
                self.kind(L, lv.id(L, c.p[L])),
                self.kind(R, lv.id(R, c.p[R])),
            ) == Compat::Same;
            // Weak evidence only counts between blocks of comparable size: an article and
            // a whole chapter at the same place are not the same thing.
            let (a, b) = (
                self.size(L, lv.id(L, c.p[L])),
                self.size(R, lv.id(R, c.p[R])),
            );
            let comparable = a.min(b).saturating_mul(SIZE_RATIO) >= a.max(b);
            let bar = match (loose && comparable, same_kind && comparable, same_rank) {
                (true, true, true) => LOOSE_RANK,
                (true, _, _) => LOOSE_BAR,
                (false, true, true) => RELAXED,
                (false, _, _) => WEAK,
            };
            if self.allowed(&lv.ids, c, bar) {
                if let Some(list) = points.get_mut(g) {
                    list.push(Point {
                        i: c.p[L],
                        j: c.p[R],
                        // Squared, so one good pair outweighs two poor ones.
                        value: Value {
                            weight: c.content * c.content,
                            tie: c.tie,
                        },
                    });
                }
            }
        }
        for list in &points {
            for k in best_chain(list) {
                if let Some(pt) = list.get(k) {
                    lv.pair([pt.i, pt.j]);
                }
            }
        }
    }

    /// Phase 3: pairs still free, out of order: moves. Strong pairs first; then pairs
    /// that are only fairly similar but clearly each other's best (by a factor of
    /// [`DISTINCT`] over any other candidate of either block): a moved item that was also
    /// reworded.
    fn moves(&self, lv: &mut Level, cands: &[Cand]) {
        for c in cands {
            if lv.free(L, c.p[L]) && lv.free(R, c.p[R]) && self.allowed(&lv.ids, c, STRONG) {
                lv.pair(c.p);
            }
        }
        // Best and runner-up content of each position over all its candidates.
        let mut top: [Vec<(Option<usize>, f64, f64)>; 2] = [
            vec![(None, 0.0, 0.0); lv.ids[L].len()],
            vec![(None, 0.0, 0.0); lv.ids[R].len()],
        ];
        for (k, c) in cands.iter().enumerate() {
            for s in SIDES {
                if let Some(t) = top[s].get_mut(c.p[s]) {
                    if t.0.is_none() {
                        *t = (Some(k), c.content, 0.0);
                    } else if c.content > t.2 {
                        t.2 = c.content;
                    }
                }
            }
        }
        for (k, c) in cands.iter().enumerate() {
            let (Some(tl), Some(tr)) = (top[L].get(c.p[L]), top[R].get(c.p[R])) else {
                continue;
            };
            let mutual = tl.0 == Some(k) && tr.0 == Some(k);
            if mutual
                && lv.free(L, c.p[L])
                && lv.free(R, c.p[R])
                && self.allowed(&lv.ids, c, MOVE)
                && c.content >= DISTINCT * tl.2.max(tr.2)
            {
                lv.pair(c.p);
            }
        }
    }

    /// Phase 4: merges and splits. A block whose content is found, in large part, in each
    /// of several adjacent blocks of the other side, and which resembles them taken
    /// together clearly better than its one-to-one partner, pairs with all of them. The
    /// test is made on whole content and, for sections, on headings alone: a section's
    /// trailing paragraphs can hide a split of its heading.
    fn groups(&self, lv: &mut Level, cands: &[Cand]) {
        struct Proposal {
            s: usize,
            p: usize,
            parts: Vec<usize>,
            sim: f64,
            tie: u64,
        }
        let mut partners: [Vec<Vec<usize>>; 2] = [
            vec![Vec::new(); lv.ids[L].len()],
            vec![Vec::new(); lv.ids[R].len()],
        ];
        // A part mostly found in its whole shares much of it: pairs sharing next to nothing
        // need not be looked at.
        for c in cands.iter().filter(|c| c.content >= PARTNER) {
            for s in SIDES {
                if let Some(list) = partners[s].get_mut(c.p[s]) {
                    list.push(c.p[1 - s]);
                }
            }
        }
        let mut proposals = Vec::new();
        for (s, partners) in partners.iter().enumerate() {
            let o = 1 - s;
            let Some(others) = lv.ids.get(o) else {
                continue;
            };
            // At most one part can be the whole's current partner: the others must be free.
            if !(0..others.len()).any(|q| lv.free(o, q)) {
                continue;
            }
            for (p, list) in partners.iter().enumerate() {
                if list.len() < 2 {
                    continue;
                }
                let current = lv.partner(s, p);
                if !lv.free(s, p) && current.is_none() {
                    continue;
                }
                let whole_id = lv.id(s, p);
                let Some(whole) = self.node(s, whole_id) else {
                    continue;
                };
                let part = |q: usize| others.get(q).and_then(|&id| self.node(o, id));
                let mut parts: Vec<usize> = list
                    .iter()
                    .copied()
                    .filter(|&q| lv.free(o, q) || Some(q) == current)
                    .filter(|&q| {
                        part(q).is_some_and(|n| {
                            let inside = |bar: f64| {
                                containment(&n.profile, &whole.profile) >= bar
                                    || matches!((&n.heading, &whole.heading), (Some(a), Some(b)) if containment(a, b) >= bar)
                            };
                            compat(whole.block.kind, n.block.kind) != Compat::Strict
                                // 中秋节：… is part of 中秋节、国庆节：…, not of 端午节：…;
                                // a part whose name the whole bears needs less of its text
                                // there (the dates changed).
                                && match (&n.name, &whole.name) {
                                    (Some(a), Some(b)) => containment(a, b) >= PART && inside(NAMED_PART),
                                    _ => inside(PART),
                                }
                                // A part that is one of the whole's own children, moved out
                                // of it (or a level up), is a cross-level pair, not a part.
                                && others.get(q).is_some_and(|&id| self.best_child(s, whole_id, id) < CHILD)
                        })
                    })
                    .collect();
                crate::sort::sort(&mut parts);
                parts.dedup();
                let mut best: Option<(f64, Vec<usize>)> = None;
                for run in parts.chunk_by(|a, b| *b == a + 1) {
                    for x in 0..run.len() {
                        for y in x + 1..run.len().min(x + GROUP_MAX) {
                            let Some(sub) = run.get(x..=y) else { continue };
                            if current.is_some_and(|c| !sub.contains(&c)) {
                                continue;
                            }
                            let nodes: Vec<&Node> = sub.iter().filter_map(|&q| part(q)).collect();
                            let cur = current.and_then(part);
                            // On whole content, on headings, and on the names that open them
                            // (中秋节 + 国庆节 → 国庆节、中秋节); names are too short to ask
                            // each part to be found in the whole.
                            let mut sim: Option<f64> = None;
                            for aspect in [Aspect::Content, Aspect::Heading, Aspect::Name] {
                                let (Some(w), Some(profiles)) = (
                                    aspect.of(whole),
                                    nodes
                                        .iter()
                                        .map(|n| aspect.of(n))
                                        .collect::<Option<Vec<_>>>(),
                                ) else {
                                    continue;
                                };
                                if aspect != Aspect::Name
                                    && !profiles.iter().all(|p| containment(p, w) >= PART)
                                {
                                    continue;
                                }
                                let g = group_similarity(w, &profiles);
                                let base = cur
                                    .and_then(|c| aspect.of(c))
                                    .map_or(0.0, |c| group_similarity(w, &[c]));
                                if g >= GROUP_MIN && g >= base + GROUP_GAIN {
                                    sim = Some(sim.map_or(g, |f| f.max(g)));
                                }
                            }
                            if let Some(g) = sim {
                                if best.as_ref().map_or(true, |(b, _)| g > *b) {
                                    best = Some((g, sub.to_vec()));
                                }
                            }
                        }
                    }
                }
                if let Some((sim, parts)) = best {
                    let first = parts
                        .first()
                        .and_then(|&q| others.get(q))
                        .copied()
                        .unwrap_or(0);
                    let tie = sym_tie(
                        self.exact(s, whole_id),
                        self.exact(o, first),
                        self.start(s, whole_id),
                        self.start(o, first),
                    );
                    proposals.push(Proposal {
                        s,
                        p,
                        parts,
                        sim,
                        tie,
                    });
                }
            }
        }
        crate::sort::sort_by(&mut proposals, |a, b| {
            b.sim.total_cmp(&a.sim).then(a.tie.cmp(&b.tie))
        });
        for prop in proposals {
            let (s, o) = (prop.s, 1 - prop.s);
            let current = lv.partner(s, prop.p);
            let whole_ok = lv.free(s, prop.p) || current.is_some_and(|c| prop.parts.contains(&c));
            let parts_ok = prop
                .parts
                .iter()
                .all(|&q| lv.free(o, q) || Some(q) == current);
            if !(whole_ok && parts_ok) {
                continue;
            }
            if let Some(m) = lv.owner(s, prop.p).flatten() {
                lv.dissolve(m);
            }
            let pos = if s == L {
                [vec![prop.p], prop.parts]
            } else {
                [prop.parts, vec![prop.p]]
            };
            lv.add(pos, true);
        }
    }

    /// Nodes one and two levels below `ids` on side `s` that may pair across levels.
    fn descendants(&self, s: usize, ids: &[NodeId]) -> Vec<NodeId> {
        let mut out = Vec::new();
        for &id in ids {
            // A block that only wraps one paragraph is that paragraph.
            if self.is_leaf_like(s, id) {
                continue;
            }
            for &c in self.children(s, id) {
                if self.is_claimed(s, c).unwrap_or(true) {
                    continue;
                }
                if self.kind(s, c) != BlockKind::Heading {
                    out.push(c);
                }
                if self.is_leaf_like(s, c) {
                    continue;
                }
                for &g in self.children(s, c) {
                    if !self.is_claimed(s, g).unwrap_or(true)
                        && self.kind(s, g) != BlockKind::Heading
                    {
                        out.push(g);
                    }
                }
            }
        }
        out
    }

    /// Phase 5: free blocks pair with blocks one or two levels down on the other side.
    fn cross(&mut self, lv: &mut Level, loose: bool) {
        struct Proposal {
            s: usize,
            p: usize,
            deep: NodeId,
            content: f64,
            tie: u64,
        }
        let mut proposals = Vec::new();
        for s in SIDES {
            let o = 1 - s;
            // Only body text moves between levels; a free title or date has no business
            // pairing with a paragraph inside a section.
            let free: Vec<usize> = (0..lv.ids[s].len())
                .filter(|&p| lv.free(s, p))
                .filter(|&p| {
                    let kind = self.kind(s, lv.id(s, p));
                    !is_meta(kind) && kind != BlockKind::Clutter
                })
                .collect();
            // A few blocks change level; when most of a long level is unpaired, the two
            // lists have little to do with each other and the search would cost much for
            // nothing.
            if free.is_empty() || free.len() > CROSS_FREE_CAP {
                continue;
            }
            // Descendants of the other side's blocks, with the match they sit under.
            let mut deep: Vec<(NodeId, Option<usize>)> = Vec::new();
            for (q, &id) in lv.ids[o].iter().enumerate() {
                let m = lv.owner(o, q).flatten();
                for d in self.descendants(o, &[id]) {
                    deep.push((d, m));
                }
            }
            if deep.is_empty() {
                continue;
            }
            let mut ids: [Vec<NodeId>; 2] = [Vec::new(), Vec::new()];
            ids[s] = free.iter().map(|&p| lv.id(s, p)).collect();
            ids[o] = deep.iter().map(|d| d.0).collect();
            // How well each deep block fits where it is, computed once.
            let mut local: Vec<Option<f64>> = vec![None; deep.len()];
            let bar = if loose { LOOSE_CROSS } else { CROSS };
            for c in self.candidates(&ids, bar) {
                if !self.allowed(&ids, &c, bar) {
                    continue;
                }
                let (Some(&p), Some(&(d, k)), Some(memo)) =
                    (free.get(c.p[s]), deep.get(c.p[o]), local.get_mut(c.p[o]))
                else {
                    continue;
                };
                let best_local = *memo.get_or_insert_with(|| {
                    // How well `d` fits under the counterpart of its own ancestor.
                    let Some(nodes) = k.and_then(|k| lv.matches.get(k)?.as_ref()?.nodes.get(s))
                    else {
                        return 0.0;
                    };
                    let around = self.descendants(s, nodes);
                    if around.len() > LOCAL_CAP {
                        return f64::INFINITY;
                    }
                    around
                        .iter()
                        .map(|&x| {
                            let (l, r) = if s == L { (x, d) } else { (d, x) };
                            self.similarity(l, r).1
                        })
                        .fold(0.0, f64::max)
                });
                if c.content > best_local + CROSS_MARGIN {
                    proposals.push(Proposal {
                        s,
                        p,
                        deep: d,
                        content: c.content,
                        tie: c.tie,
                    });
                }
            }
        }
        crate::sort::sort_by(&mut proposals, |a, b| {
            b.content.total_cmp(&a.content).then(a.tie.cmp(&b.tie))
        });
        for prop in proposals {
            let (s, o) = (prop.s, 1 - prop.s);
            if !lv.free(s, prop.p) || self.is_claimed(o, prop.deep).unwrap_or(true) {
                continue;
            }
            if let Some(slot) = self.claimed.get_mut(o).and_then(|c| c.get_mut(prop.deep)) {
                *slot = true;
            }
            // The deeper block has no position at this level.
            let pos = if s == L {
                [vec![prop.p], Vec::new()]
            } else {
                [Vec::new(), vec![prop.p]]
            };
            lv.add(pos, false);
            if let Some(nodes) = lv
                .matches
                .last_mut()
                .and_then(|m| m.as_mut()?.nodes.get_mut(o))
            {
                nodes.push(prop.deep);
            }
        }
    }

    /// Phase 6: kinds, children, and reading order.
    fn finish(&mut self, lv: Level) -> Vec<Link> {
        let in_place = self.in_place(&lv);
        let mut out: Vec<Placed> = Vec::new();
        for (k, m) in lv.matches.iter().enumerate() {
            let Some(m) = m else { continue };
            let kind = if m.group {
                if m.nodes[L].len() > 1 {
                    PairKind::Merged
                } else {
                    PairKind::Split
                }
            } else if !in_place.get(k).copied().unwrap_or(false) {
                PairKind::Moved
            } else if self.same_text(&m.nodes) {
                PairKind::Identical
            } else {
                PairKind::Modified
            };
            out.push(Placed {
                pos: each_side(&m.nodes, |s, ids| ids.first().map(|&id| self.start(s, id))),
                link: self.link(&m.nodes, kind),
            });
        }
        for s in SIDES {
            for (p, &id) in lv.ids[s].iter().enumerate() {
                if !lv.free(s, p) {
                    continue;
                }
                let mut pos = [None, None];
                pos[s] = Some(self.start(s, id));
                out.push(Placed {
                    pos,
                    link: self.one_sided(s, id),
                });
            }
        }
        reading_order(out)
    }

    /// The link of blocks paired as `kind`, with its children aligned.
    fn link(&mut self, nodes: &[Vec<NodeId>; 2], kind: PairKind) -> Link {
        let similarity = if kind == PairKind::Identical {
            1.0
        } else {
            let profiles = |s: usize, ids: &[NodeId]| -> Vec<&Profile> {
                ids.iter().filter_map(|&id| self.profile(s, id)).collect()
            };
            let (l, r) = (profiles(L, &nodes[L]), profiles(R, &nodes[R]));
            let sim = match (l.as_slice(), r.as_slice()) {
                ([a], [b]) => plain_dice(a, b),
                ([whole], parts) | (parts, [whole]) => group_similarity(whole, parts),
                _ => 0.0,
            };
            // Digits are folded for matching, so texts that differ only in numbers
            // score 1; a pair that is not identical must not say so.
            sim.min(0.99)
        };
        Link {
            kind,
            left: self.block_ids(L, &nodes[L]),
            right: self.block_ids(R, &nodes[R]),
            similarity: similarity as f32,
            children: self.children_links(nodes),
        }
    }

    /// A one-to-one link (its kind to be decided again by the caller), with its children
    /// aligned.
    pub(crate) fn pair_link(&mut self, l: NodeId, r: NodeId) -> Link {
        let nodes = [vec![l], vec![r]];
        let kind = if self.same_text(&nodes) {
            PairKind::Identical
        } else {
            PairKind::Modified
        };
        self.link(&nodes, kind)
    }

    /// The link of a block without counterpart. It has no children, unless some of its
    /// descendants were paired across levels: then it lists the rest, so that every block
    /// is shown once.
    fn one_sided(&self, s: usize, id: NodeId) -> Link {
        let ids = self.block_ids(s, &[id]);
        let (kind, left, right) = if s == L {
            (PairKind::LeftOnly, ids, Vec::new())
        } else {
            (PairKind::RightOnly, Vec::new(), ids)
        };
        let children = if self.any_claimed_below(s, id) {
            self.children(s, id)
                .iter()
                .filter(|&&c| !self.is_claimed(s, c).unwrap_or(true))
                .map(|&c| self.one_sided(s, c))
                .collect()
        } else {
            Vec::new()
        };
        Link {
            kind,
            left,
            right,
            similarity: 0.0,
            children,
        }
    }

    fn any_claimed_below(&self, s: usize, id: NodeId) -> bool {
        self.children(s, id)
            .iter()
            .any(|&c| self.is_claimed(s, c).unwrap_or(false) || self.any_claimed_below(s, c))
    }

    fn block_ids(&self, s: usize, ids: &[NodeId]) -> Vec<u32> {
        ids.iter()
            .filter_map(|&id| self.node(s, id))
            .map(|n| n.block.id)
            .collect()
    }

    pub(crate) fn same_text(&self, nodes: &[Vec<NodeId>; 2]) -> bool {
        match (nodes[L].as_slice(), nodes[R].as_slice()) {
            ([l], [r]) => match (self.node(L, *l), self.node(R, *r)) {
                (Some(a), Some(b)) => same_text(a.text, b.text),
                _ => false,
            },
            _ => false,
        }
    }

    /// Links among the children of paired blocks, when every block on both sides has
    /// children; otherwise the pair is a leaf and the differ compares the whole texts.
    fn children_links(&mut self, nodes: &[Vec<NodeId>; 2]) -> Vec<Link> {
        let all_have = ([L, R].into_iter().zip(nodes))
            .all(|(s, ids)| ids.iter().all(|&id| !self.children(s, id).is_empty()));
        if !all_have {
            return Vec::new();
        }
        let ids = each_side(nodes, |s, parents| {
            let mut ids = Vec::new();
            for &id in parents {
                ids.extend_from_slice(self.children(s, id));
            }
            ids
        });
        self.level(ids)
    }
}

/// A link with the start of its first block on each side.
pub(crate) struct Placed {
    pub(crate) pos: [Option<usize>; 2],
    pub(crate) link: Link,
}

/// Orders links along the left document. A right-only link goes after the link holding its
/// nearest preceding right neighbour, past any left-only links that follow it, so that a
/// replaced block reads as its deletion then its insertion.
pub(crate) fn reading_order(mut links: Vec<Placed>) -> Vec<Link> {
    let mut right_only: Vec<Placed> = Vec::new();
    let mut rest: Vec<Placed> = Vec::new();
    for p in links.drain(..) {
        if p.pos[L].is_none() {
            right_only.push(p);
        } else {
            rest.push(p);
        }
    }
    crate::sort::sort_by_key(&mut rest, |p| p.pos[L]);
    crate::sort::sort_by_key(&mut right_only, |p| p.pos[R]);
    // Two-sided links by right position, to find each right-only link's predecessor.
    let mut by_right: Vec<(usize, usize)> = rest
        .iter()
        .enumerate()
        .filter_map(|(k, p)| Some((p.pos[R]?, k)))
        .collect();
    crate::sort::sort(&mut by_right);
    // slots[0] precedes every two-sided link; slots[k + 1] follows rest[k].
    let mut slots: Vec<Vec<Link>> = (0..rest.len() + 1).map(|_| Vec::new()).collect();
    for p in right_only {
        let at = p.pos[R].unwrap_or(0);
        let before = by_right.partition_point(|&(r, _)| r < at);
        let slot = before
            .checked_sub(1)
            .and_then(|b| by_right.get(b))
            .map_or(0, |&(_, k)| k + 1);
        if let Some(s) = slots.get_mut(slot) {
            s.push(p.link);
        }
    }
    let mut out = Vec::with_capacity(rest.len() + slots.iter().map(Vec::len).sum::<usize>());
    let mut pending: Vec<Link> = slots.first_mut().map(std::mem::take).unwrap_or_default();
    for (k, p) in rest.into_iter().enumerate() {
        if p.pos[R].is_some() {
            out.append(&mut pending);
        }
        out.push(p.link);
        if let Some(s) = slots.get_mut(k + 1) {
            pending.append(s);
        }
    }
    out.append(&mut pending);
    out
}
