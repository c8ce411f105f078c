//! Scores alignments against hand-written expectations, for notice-diff and for the plain
//! line diff that side-by-side viewers show.
//!
//! An evaluation set is a directory of cases, each a directory holding `left.txt`,
//! `right.txt` and `links.txt`. `links.txt` lists the links a careful reader draws between
//! the two documents, one per line:
//!
//! ```text
//! # comments start with '#'
//! L:第一条 -> R:第一条
//! L:三、迅速 -> R:二、迅速 !moved
//!   L:(三)要精心 -> R:(四)要精心
//! L:六、中秋节、国庆节 -> R:六、中秋节 + R:七、国庆节
//! L:二、深入领会 -> -
//! - -> R:联系电话
//! ```
//!
//! A reference `L:text` / `R:text` names the line of that side that starts with `text`
//! (whitespace ignored on both). At the top level the prefix must start exactly one line,
//! or carry `@n` to pick the n-th of several (`R:广元市总工会@2`); in an indented line it
//! names the first such line after the parent link's line on that side, so `（一）` can be
//! told apart in every section. `-` is no counterpart; `+` joins
//! the blocks of a merge or split; a trailing `!moved` requires the link to be reported as
//! moved.
//!
//! **Link accuracy** is the share of expected links an aligner gets right. An expected link
//! with left lines `Le` and right lines `Re` is right when every line of `Le` starts a block
//! whose counterpart is exactly the blocks starting at `Re`, and every line of `Re` starts
//! a block whose counterpart is exactly `Le` (so pairing a left-only block with anything, or
//! a split block with only one of its parts, is wrong). For notice-diff a block's
//! counterpart is read from the shallowest link holding a block that starts at the line (or
//! nothing, inside a one-sided link). For the line diff it is the line paired with the
//! line: a Myers diff of whitespace-normalised lines, equal lines paired, and in each
//! replaced run the n-th deleted line paired with the n-th inserted one, as side-by-side
//! viewers draw them. A line diff never reports moves, and pairs one line with at most one.

use crate::align::{align, Link, PairKind};
use crate::outline::{outline, Outline};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

/// The score of one case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseScore {
    /// The case's directory name.
    pub name: String,
    /// Expected links.
    pub links: usize,
    /// Expected links notice-diff gets right.
    pub notice_diff: usize,
    /// Expected links the line diff gets right.
    pub baseline: usize,
    /// Expected links notice-diff gets wrong, and annotation errors (unreadable files,
    /// references that name no line or several).
    pub misses: Vec<String>,
}

/// Scores over an evaluation set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EvalReport {
    /// One score per case, by name.
    pub cases: Vec<CaseScore>,
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

impl EvalReport {
    /// Expected links over all cases.
    pub fn links(&self) -> usize {
        self.cases.iter().map(|c| c.links).sum()
    }

    /// notice-diff's link accuracy over all expected links, in [0, 1].
    pub fn accuracy(&self) -> f64 {
        ratio(self.cases.iter().map(|c| c.notice_diff).sum(), self.links())
    }

    /// The line diff's link accuracy over all expected links, in [0, 1].
    pub fn baseline_accuracy(&self) -> f64 {
        ratio(self.cases.iter().map(|c| c.baseline).sum(), self.links())
    }

    /// Annotation errors: references that name no line or several, unreadable cases.
    pub fn errors(&self) -> Vec<&str> {
        self.cases
            .iter()
            .flat_map(|c| c.misses.iter())
            .filter(|m| m.starts_with("error"))
            .map(String::as_str)
            .collect()
    }
}

/// A table of link accuracy by case; with `{:#}`, followed by every miss.
impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<30} {:>6} {:>12} {:>10}",
            "case", "links", "notice-diff", "line diff"
        )?;
        for c in &self.cases {
            writeln!(
                f,
                "{:<30} {:>6} {:>12.3} {:>10.3}",
                c.name,
                c.links,
                ratio(c.notice_diff, c.links),
                ratio(c.baseline, c.links)
            )?;
        }
        writeln!(
            f,
            "{:<30} {:>6} {:>12.3} {:>10.3}",
            "all",
            self.links(),
            self.accuracy(),
            self.baseline_accuracy()
        )?;
        if f.alternate() {
            for c in &self.cases {
                for m in &c.misses {
                    writeln!(f, "{}: {m}", c.name)?;
                }
            }
        }
        Ok(())
    }
}

/// Scores every case under `dir` (each subdirectory with a `links.txt`), in name order.
pub fn evaluate(dir: &Path) -> EvalReport {
    evaluate_with(dir, &outline)
}

/// [`evaluate`] with another outliner, to measure the aligner on its own.
pub fn evaluate_with(dir: &Path, outliner: &dyn Fn(&str) -> Outline) -> EvalReport {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("links.txt").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    EvalReport {
        cases: names
            .into_iter()
            .map(|name| {
                let case = dir.join(&name);
                let read = |file: &str| std::fs::read_to_string(case.join(file));
                match (read("left.txt"), read("right.txt"), read("links.txt")) {
                    (Ok(l), Ok(r), Ok(links)) => score_case(&name, &l, &r, &links, outliner),
                    _ => CaseScore {
                        name,
                        links: 0,
                        notice_diff: 0,
                        baseline: 0,
                        misses: vec!["error: cannot read left.txt, right.txt or links.txt".into()],
                    },
                }
            })
            .collect(),
    }
}

/// One expected link: line starts on each side, and the kind if one is required.
#[derive(Debug)]
struct Expected {
    source: String,
    left: Vec<usize>,
    right: Vec<usize>,
    moved: bool,
}

/// The non-blank lines of a text: (start of the first non-blank character, trimmed text).
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            out.push((at + lead, trimmed));
        }
        at += raw.len();
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Parses `links.txt` into expected links, resolving references to line starts.
fn parse(spec: &str, left: &str, right: &str, misses: &mut Vec<String>) -> Vec<Expected> {
    let sides = [lines(left), lines(right)];
    let squeezed: [Vec<String>; 2] = [
        sides[0].iter().map(|(_, t)| squeeze(t)).collect(),
        sides[1].iter().map(|(_, t)| squeeze(t)).collect(),
    ];
    // Stack of (indent, line index of the link's first block on each side).
    let mut parents: Vec<(usize, [Option<usize>; 2])> = Vec::new();
    let mut out = Vec::new();
    for raw in spec.lines() {
        let body = raw.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = raw.len() - body.len();
        while parents.last().is_some_and(|(i, _)| *i >= indent) {
            parents.pop();
        }
        let scope = parents.last().map(|(_, s)| *s);
        let Some((l, r)) = body.split_once(" -> ") else {
            misses.push(format!("error: no ' -> ' in {body:?}"));
            continue;
        };
        let (r, moved) = match r.trim_end().strip_suffix("!moved") {
            Some(r) => (r, true),
            None => (r, false),
        };
        let mut resolved: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        let mut ok = true;
        for (side, part) in [(0usize, l), (1usize, r)] {
            let part = part.trim();
            if part == "-" {
                continue;
            }
            let tag = if side == 0 { "L:" } else { "R:" };
            for reference in part.split(" + ") {
                let Some(prefix) = reference.trim().strip_prefix(tag) else {
                    misses.push(format!(
                        "error: {reference:?} should start with {tag} in {body:?}"
                    ));
                    ok = false;
                    continue;
                };
                let (prefix, nth) = match prefix.rsplit_once('@') {
                    Some((p, n)) => match n.parse::<usize>() {
                        Ok(n) if n > 0 => (p, Some(n)),
                        _ => (prefix, None),
                    },
                    None => (prefix, None),
                };
                let prefix = squeeze(prefix);
                let hits: Vec<usize> = (0..squeezed[side].len())
                    .filter(|&k| squeezed[side][k].starts_with(&prefix))
                    .collect();
                let found = match (scope, nth) {
                    (_, Some(n)) => hits.get(n.saturating_sub(1)).copied(),
                    (Some(scope), None) => match scope[side] {
                        Some(after) => hits.into_iter().find(|&k| k > after),
                        None => None,
                    },
                    (None, None) if hits.len() == 1 => hits.first().copied(),
                    (None, None) => {
                        if hits.len() > 1 {
                            misses
                                .push(format!("error: {tag}{prefix} starts {} lines", hits.len()));
                            ok = false;
                            continue;
                        }
                        None
                    }
                };
                match found {
                    Some(k) => resolved[side].push(k),
                    None => {
                        misses.push(format!("error: no line for {tag}{prefix} in {body:?}"));
                        ok = false;
                    }
                }
            }
        }
        parents.push((
            indent,
            [resolved[0].first().copied(), resolved[1].first().copied()],
        ));
        if !ok || (resolved[0].is_empty() && resolved[1].is_empty()) {
            continue;
        }
        let starts = |side: usize, ks: &[usize]| -> Vec<usize> {
            ks.iter()
                .filter_map(|&k| sides[side].get(k).map(|(s, _)| *s))
                .collect()
        };
        out.push(Expected {
            source: body.to_owned(),
            left: starts(0, &resolved[0]),
            right: starts(1, &resolved[1]),
            moved,
        });
    }
    out
}

/// What the shallowest link holding a block that starts on a line says about it: its depth,
/// the counterpart's line starts, and the kind.
type Claim = (usize, BTreeSet<usize>, PairKind);

/// For each side, line start → [`Claim`]; plus the ranges of one-sided links.
struct Predicted {
    at: [BTreeMap<usize, Claim>; 2],
    one_sided: [Vec<std::ops::Range<usize>>; 2],
}

impl Predicted {
    fn new(links: &[Link], texts: [&str; 2], outlines: [&Outline; 2]) -> Predicted {
        let blocks: [BTreeMap<u32, std::ops::Range<usize>>; 2] = [0, 1].map(|s| {
            outlines[s]
                .walk()
                .map(|b| {
                    let text = texts[s].get(b.bytes.clone()).unwrap_or("");
                    let lead = text.len() - text.trim_start().len();
                    (b.id, b.bytes.start + lead..b.bytes.end)
                })
                .collect()
        });
        let mut p = Predicted {
            at: [BTreeMap::new(), BTreeMap::new()],
            one_sided: [Vec::new(), Vec::new()],
        };
        p.walk(links, 0, &blocks);
        p
    }

    fn walk(
        &mut self,
        links: &[Link],
        depth: usize,
        blocks: &[BTreeMap<u32, std::ops::Range<usize>>; 2],
    ) {
        for link in links {
            let ids = [&link.left, &link.right];
            let starts: [BTreeSet<usize>; 2] = [0, 1].map(|s| {
                ids[s]
                    .iter()
                    .filter_map(|id| blocks[s].get(id).map(|r| r.start))
                    .collect()
            });
            for s in 0..2 {
                for &start in &starts[s] {
                    let entry = (depth, starts[1 - s].clone(), link.kind);
                    match self.at[s].get(&start) {
                        Some((d, _, _)) if *d <= depth => {}
                        _ => {
                            self.at[s].insert(start, entry);
                        }
                    }
                }
                if starts[1 - s].is_empty() {
                    for id in ids[s] {
                        if let Some(r) = blocks[s].get(id) {
                            self.one_sided[s].push(r.clone());
                        }
                    }
                }
            }
            self.walk(&link.children, depth + 1, blocks);
        }
    }

    /// The counterpart of the block starting at `start` on side `s`, if the alignment says.
    fn counterpart(&self, s: usize, start: usize) -> Option<(BTreeSet<usize>, PairKind)> {
        if let Some((_, cp, kind)) = self.at[s].get(&start) {
            return Some((cp.clone(), *kind));
        }
        let inside = self.one_sided[s].iter().any(|r| r.contains(&start));
        inside.then(|| {
            let kind = if s == 0 {
                PairKind::LeftOnly
            } else {
                PairKind::RightOnly
            };
            (BTreeSet::new(), kind)
        })
    }
}

/// Line pairs of a side-by-side line diff: for each side, line start → paired line start.
fn line_pairs(left: &str, right: &str) -> [BTreeMap<usize, Option<usize>>; 2] {
    let sides = [lines(left), lines(right)];
    let keys: [Vec<String>; 2] = [0, 1].map(|s| sides[s].iter().map(|(_, t)| squeeze(t)).collect());
    let mut out = [BTreeMap::new(), BTreeMap::new()];
    let start = |s: usize, k: usize| sides[s].get(k).map(|(p, _)| *p);
    let pair =
        |a: Option<usize>, b: Option<usize>, out: &mut [BTreeMap<usize, Option<usize>>; 2]| {
            if let Some(a) = a {
                out[0].insert(a, b);
            }
            if let Some(b) = b {
                out[1].insert(b, a);
            }
        };
    for op in capture_diff_slices(Algorithm::Myers, &keys[0], &keys[1]) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    pair(start(0, old_index + k), start(1, new_index + k), &mut out);
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for k in 0..old_len {
                    pair(start(0, old_index + k), None, &mut out);
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for k in 0..new_len {
                    pair(None, start(1, new_index + k), &mut out);
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for k in 0..old_len.max(new_len) {
                    let a = (k < old_len).then(|| start(0, old_index + k)).flatten();
                    let b = (k < new_len).then(|| start(1, new_index + k)).flatten();
                    pair(a, b, &mut out);
                }
            }
        }
    }
    out
}

fn score_case(
    name: &str,
    left: &str,
    right: &str,
    spec: &str,
    outliner: &dyn Fn(&str) -> Outline,
) -> CaseScore {
    let mut misses = Vec::new();
    let expected = parse(spec, left, right, &mut misses);
    let lo = outliner(left);
    let ro = outliner(right);
    let links = align(left, &lo, right, &ro);
    let predicted = Predicted::new(&links, [left, right], [&lo, &ro]);
    let lines = line_pairs(left, right);
    let mut nd = 0;
    let mut base = 0;
    for e in &expected {
        let want = [&e.left, &e.right].map(|v| v.iter().copied().collect::<BTreeSet<usize>>());
        // notice-diff
        let mut right_so_far = true;
        let mut got = Vec::new();
        for s in 0..2 {
            for &start in &want[s] {
                match predicted.counterpart(s, start) {
                    Some((cp, kind)) => {
                        if cp != want[1 - s] || (e.moved && kind != PairKind::Moved) {
                            right_so_far = false;
                            got.push(format!(
                                "{kind:?} with {}",
                                describe(&cp, [left, right][1 - s])
                            ));
                        }
                    }
                    None => {
                        right_so_far = false;
                        got.push(format!(
                            "no link for {}",
                            describe(&BTreeSet::from([start]), [left, right][s])
                        ));
                    }
                }
            }
        }
        if right_so_far {
            nd += 1;
        } else {
            misses.push(format!("{}   got: {}", e.source, got.join("; ")));
        }
        // line diff
        let base_ok = !e.moved
            && (0..2).all(|s| {
                want[s].iter().all(|start| {
                    let paired: BTreeSet<usize> =
                        lines[s].get(start).copied().flatten().into_iter().collect();
                    paired == want[1 - s]
                })
            });
        if base_ok {
            base += 1;
        }
    }
    CaseScore {
        name: name.to_owned(),
        links: expected.len(),
        notice_diff: nd,
        baseline: base,
        misses,
    }
}

fn describe(starts: &BTreeSet<usize>, text: &str) -> String {
    if starts.is_empty() {
        return "nothing".into();
    }
    starts
        .iter()
        .map(|&s| {
            let t: String = text.get(s..).unwrap_or("").chars().take(10).collect();
            format!("{:?}", t.trim())
        })
        .collect::<Vec<_>>()
        .join(" + ")
}
