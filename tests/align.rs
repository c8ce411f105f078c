#![cfg(not(target_arch = "wasm32"))]
//! The aligner on real notices and realistic edits of them.
//!
//! Most tests build outlines with the small outliner below rather than the crate's, so that
//! they test alignment alone: the crate's outliner is developed separately, and the
//! evaluation set (`tests/eval`, scored at the end) covers the two together.

use notice_diff::{align, outline, Block, BlockKind, Link, Outline, PairKind, Utf16Index};
use std::collections::BTreeSet;
use std::path::Path;

// ---------------------------------------------------------------------------------------
// A minimal outliner for tests: numbered lines open sections (the first numbering style
// seen is the top level, a new style inside it one deeper), other lines are paragraphs of
// the innermost open section; a few fixed elements are recognised by their look.
// ---------------------------------------------------------------------------------------

fn label_of(line: &str) -> Option<(u8, String)> {
    let numerals = "一二三四五六七八九十";
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest: String = chars.clone().collect();
    if first == '第' {
        let n: String = rest.chars().take_while(|c| numerals.contains(*c)).collect();
        let after = rest.chars().nth(n.chars().count())?;
        if !n.is_empty() && after == '条' {
            return Some((0, format!("第{n}条")));
        }
        return None;
    }
    if first == '（' || first == '(' {
        let n: String = rest.chars().take_while(|c| numerals.contains(*c)).collect();
        let after = rest.chars().nth(n.chars().count())?;
        if !n.is_empty() && (after == '）' || after == ')') {
            return Some((1, format!("{first}{n}{after}")));
        }
        return None;
    }
    if numerals.contains(first) {
        let n: String = line.chars().take_while(|c| numerals.contains(*c)).collect();
        let after = line.chars().nth(n.chars().count())?;
        if after == '、' {
            return Some((2, format!("{n}、")));
        }
        return None;
    }
    if first.is_ascii_digit() {
        let n: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = line.chars().nth(n.len())?;
        if after == '.' || after == '、' {
            // "2018年" is a date, "1." and "1、" are labels.
            return Some((3, format!("{n}{after}")));
        }
    }
    None
}

struct Draft {
    kind: BlockKind,
    label: Option<String>,
    heading: Option<String>,
    bytes: std::ops::Range<usize>,
    children: Vec<Draft>,
    style: u8,
}

fn finish(d: Draft, index: &Utf16Index, level: u8, next: &mut u32) -> Block {
    let id = *next;
    *next += 1;
    let children: Vec<Block> = d
        .children
        .into_iter()
        .map(|c| finish(c, index, level + 1, next))
        .collect();
    let end = children.last().map_or(d.bytes.end, |c| c.bytes.end);
    let bytes = d.bytes.start..end.max(d.bytes.end);
    Block {
        id,
        kind: d.kind,
        level,
        label: d.label,
        ordinal: None,
        heading: d.heading,
        range: index.span(&bytes),
        bytes,
        children,
    }
}

fn is_date(line: &str) -> bool {
    line.ends_with('日') && line.contains('年') && line.chars().count() <= 12
}

/// Outlines `text` the simple way described above.
fn mini_outline(text: &str) -> Outline {
    let index = Utf16Index::new(text);
    let mut lines: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let start = at + raw.find(trimmed).unwrap_or(0);
            lines.push((start..start + trimmed.len(), trimmed));
        }
        at += raw.len();
    }
    let mut top: Vec<Draft> = Vec::new();
    // Open sections, innermost last; each knows its numbering style.
    let mut open: Vec<Draft> = Vec::new();
    let mut styles: Vec<u8> = Vec::new();
    let mut seen_section = false;
    let close_to = |open: &mut Vec<Draft>, top: &mut Vec<Draft>, depth: usize| {
        while open.len() > depth {
            let d = open.pop().unwrap();
            match open.last_mut() {
                Some(parent) => parent.children.push(d),
                None => top.push(d),
            }
        }
    };
    let count = lines.len();
    for (k, (bytes, line)) in lines.into_iter().enumerate() {
        if let Some((style, label)) = label_of(line) {
            seen_section = true;
            let depth = match open.iter().position(|d| d.style == style) {
                Some(p) => p,
                None => {
                    if !styles.contains(&style) {
                        styles.push(style);
                    }
                    open.len()
                }
            };
            close_to(&mut open, &mut top, depth);
            let heading = line[label.len()..].trim().to_owned();
            open.push(Draft {
                kind: BlockKind::Section,
                label: Some(label),
                heading: Some(heading),
                bytes: bytes.clone(),
                children: vec![Draft {
                    kind: BlockKind::Heading,
                    label: None,
                    heading: None,
                    bytes,
                    children: Vec::new(),
                    style: 0,
                }],
                style,
            });
            continue;
        }
        let kind = if k == 0 {
            BlockKind::Title
        } else if line.contains('〔') && line.ends_with('号') {
            BlockKind::DocNumber
        } else if line.starts_with("上一篇")
            || line.starts_with("发布时间")
            || line.starts_with("<!--")
            || line.starts_with("首页")
            || line.starts_with("【")
        {
            BlockKind::Clutter
        } else if is_date(line) && k + 3 >= count {
            BlockKind::Date
        } else if k + 3 >= count && line.chars().count() <= 16 && !line.contains('。') {
            BlockKind::Signature
        } else if !seen_section
            && (line.ends_with('：') || line.ends_with(':'))
            && line.starts_with('各')
        {
            BlockKind::Addressee
        } else if !seen_section {
            BlockKind::Preamble
        } else {
            BlockKind::Paragraph
        };
        let leaf = Draft {
            kind,
            label: None,
            heading: None,
            bytes,
            children: Vec::new(),
            style: 0,
        };
        let in_body = matches!(kind, BlockKind::Paragraph);
        match open.last_mut() {
            Some(section) if in_body => section.children.push(leaf),
            _ => {
                close_to(&mut open, &mut top, 0);
                top.push(leaf);
            }
        }
    }
    close_to(&mut open, &mut top, 0);
    let mut next = 0;
    Outline {
        title: None,
        blocks: top
            .into_iter()
            .map(|d| finish(d, &index, 0, &mut next))
            .collect(),
        length: index.at(text.len()),
    }
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn fixture(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Two texts with their mini outlines, aligned.
struct Case {
    left: String,
    right: String,
    lo: Outline,
    ro: Outline,
    links: Vec<Link>,
}

impl Case {
    fn new(left: &str, right: &str) -> Case {
        let lo = mini_outline(left);
        let ro = mini_outline(right);
        let links = align(left, &lo, right, &ro);
        Case {
            left: left.to_owned(),
            right: right.to_owned(),
            lo,
            ro,
            links,
        }
    }

    /// The first block (pre-order) on a side whose text starts with `prefix`.
    fn id(&self, right: bool, prefix: &str) -> u32 {
        let (text, outline) = if right {
            (&self.right, &self.ro)
        } else {
            (&self.left, &self.lo)
        };
        outline
            .walk()
            .find(|b| text[b.bytes.clone()].trim_start().starts_with(prefix))
            .unwrap_or_else(|| panic!("no block starts with {prefix}"))
            .id
    }

    /// The link (anywhere in the tree, shallowest first) holding the left block `prefix`.
    fn link_of_left(&self, prefix: &str) -> &Link {
        let id = self.id(false, prefix);
        find(&self.links, &|l: &Link| l.left.contains(&id))
            .unwrap_or_else(|| panic!("no link holds left {prefix}"))
    }

    fn link_of_right(&self, prefix: &str) -> &Link {
        let id = self.id(true, prefix);
        find(&self.links, &|l: &Link| l.right.contains(&id))
            .unwrap_or_else(|| panic!("no link holds right {prefix}"))
    }

    /// Asserts that the left block `l` is paired with exactly the right blocks `rs`.
    fn assert_pair(&self, l: &str, rs: &[&str], kind: PairKind) {
        let link = self.link_of_left(l);
        let want: Vec<u32> = rs.iter().map(|r| self.id(true, r)).collect();
        assert_eq!(link.right, want, "{l} ↔ {rs:?}\n{}", self.dump());
        assert_eq!(link.kind, kind, "{l} ↔ {rs:?}\n{}", self.dump());
    }

    fn assert_left_only(&self, l: &str) {
        let link = self.link_of_left(l);
        assert_eq!(link.kind, PairKind::LeftOnly, "{l}\n{}", self.dump());
    }

    fn assert_right_only(&self, r: &str) {
        let link = self.link_of_right(r);
        assert_eq!(link.kind, PairKind::RightOnly, "{r}\n{}", self.dump());
    }

    fn dump(&self) -> String {
        let mut out = String::new();
        dump_links(&self.links, self, 0, &mut out);
        out
    }
}

fn find<'a>(links: &'a [Link], pred: &dyn Fn(&Link) -> bool) -> Option<&'a Link> {
    links
        .iter()
        .find(|l| pred(l))
        .or_else(|| links.iter().find_map(|l| find(&l.children, pred)))
}

fn short(text: &str, outline: &Outline, id: u32) -> String {
    outline
        .block(id)
        .map(|b| text[b.bytes.clone()].trim().chars().take(18).collect())
        .unwrap_or_default()
}

fn dump_links(links: &[Link], case: &Case, depth: usize, out: &mut String) {
    for l in links {
        let left: Vec<String> = l
            .left
            .iter()
            .map(|&i| short(&case.left, &case.lo, i))
            .collect();
        let right: Vec<String> = l
            .right
            .iter()
            .map(|&i| short(&case.right, &case.ro, i))
            .collect();
        out.push_str(&format!(
            "{}{:?} {:.2} {:?} ↔ {:?}\n",
            "  ".repeat(depth),
            l.kind,
            l.similarity,
            left,
            right
        ));
        dump_links(&l.children, case, depth + 1, out);
    }
}

/// A link tree as a set, with left and right swapped when `mirror`.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Canon {
    kind: String,
    left: Vec<u32>,
    right: Vec<u32>,
    similarity: u32,
    children: BTreeSet<Canon>,
}

fn canon(links: &[Link], mirror: bool) -> BTreeSet<Canon> {
    links
        .iter()
        .map(|l| {
            let kind = if mirror {
                match l.kind {
                    PairKind::Merged => PairKind::Split,
                    PairKind::Split => PairKind::Merged,
                    PairKind::LeftOnly => PairKind::RightOnly,
                    PairKind::RightOnly => PairKind::LeftOnly,
                    k => k,
                }
            } else {
                l.kind
            };
            let (left, right) = if mirror {
                (l.right.clone(), l.left.clone())
            } else {
                (l.left.clone(), l.right.clone())
            };
            Canon {
                kind: format!("{kind:?}"),
                left,
                right,
                similarity: l.similarity.to_bits(),
                children: canon(&l.children, mirror),
            }
        })
        .collect()
}

fn assert_symmetric(left: &str, lo: &Outline, right: &str, ro: &Outline, name: &str) {
    let forward = align(left, lo, right, ro);
    let backward = align(right, ro, left, lo);
    assert_eq!(
        canon(&forward, false),
        canon(&backward, true),
        "align({name}) is not the mirror of the swapped alignment"
    );
}

/// Every block appears in at most one link, and every top-level block in one.
fn assert_covers(links: &[Link], lo: &Outline, ro: &Outline) {
    let mut seen = [BTreeSet::new(), BTreeSet::new()];
    fn walk(links: &[Link], seen: &mut [BTreeSet<u32>; 2]) {
        for l in links {
            for &id in &l.left {
                assert!(seen[0].insert(id), "left block {id} appears twice");
            }
            for &id in &l.right {
                assert!(seen[1].insert(id), "right block {id} appears twice");
            }
            walk(&l.children, seen);
        }
    }
    walk(links, &mut seen);
    for b in &lo.blocks {
        assert!(
            seen[0].contains(&b.id),
            "left top-level block {} missing",
            b.id
        );
    }
    for b in &ro.blocks {
        assert!(
            seen[1].contains(&b.id),
            "right top-level block {} missing",
            b.id
        );
    }
}

#[test]
#[ignore = "prints an alignment: ALIGN_LEFT=… ALIGN_RIGHT=… cargo test --test align dump -- --ignored --nocapture"]
fn dump() {
    let (Ok(l), Ok(r)) = (std::env::var("ALIGN_LEFT"), std::env::var("ALIGN_RIGHT")) else {
        return;
    };
    let left = std::fs::read_to_string(l).unwrap();
    let right = std::fs::read_to_string(r).unwrap();
    let case = if std::env::var("ALIGN_REAL").is_ok() {
        let lo = outline(&left);
        let ro = outline(&right);
        let links = align(&left, &lo, &right, &ro);
        Case {
            left,
            right,
            lo,
            ro,
            links,
        }
    } else {
        Case::new(&left, &right)
    };
    println!("{}", case.dump());
}

#[test]
#[ignore = "prints the evaluation with the test outliner: cargo test --test align eval_mini -- --ignored --nocapture"]
fn eval_mini() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let report = notice_diff::evaluate_with(&dir, &mini_outline);
    println!("{report:#}");
}
