//! Level inference and nesting: lines with roles → a tree of nodes → the public blocks.
//!
//! Levels are not fixed per numbering style. Each document decides: the first style seen is
//! level 0, a style first seen inside another is one deeper, and a style seen before returns
//! to its level. Ordinal continuity rejects false positives: a list style opening at "1" must
//! be followed by a "2" of the same style, and otherwise must continue its last number.

use super::classify::{without_site_name, Role};
use super::label::{Family, Label};
use super::normalize::{join, Line};
use super::sentence::{first_sentence, lead, strip_end_punctuation};
use super::{Block, BlockKind};
use crate::find::has;
use crate::span::Utf16Index;
use std::ops::Range;

/// A block under construction.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// As [`Block::kind`].
    pub kind: BlockKind,
    /// As [`Block::label`].
    pub label: Option<String>,
    /// As [`Block::ordinal`].
    pub ordinal: Option<u32>,
    /// As [`Block::heading`].
    pub heading: Option<String>,
    /// As [`Block::bytes`].
    pub bytes: Range<usize>,
    /// As [`Block::children`].
    pub children: Vec<Node>,
    /// The line a leaf was made from.
    pub line: Option<usize>,
    /// The numbering style of a section.
    pub family: Option<Family>,
    /// A section whose heading line is a whole paragraph ("（一）要切实抓好学习培训。将…").
    pub run_in: bool,
    /// A paragraph in a document's head that must not become preamble.
    pub stray: bool,
    /// Which document of the text the node belongs to (a new one starts after each date).
    pub segment: u32,
}

impl Node {
    pub(crate) fn leaf(kind: BlockKind, line: usize, lines: &[Line], segment: u32) -> Node {
        Node {
            kind,
            label: None,
            ordinal: None,
            heading: None,
            bytes: lines.get(line).map_or(0..0, |l| l.bytes.clone()),
            children: Vec::new(),
            line: Some(line),
            family: None,
            run_in: false,
            stray: false,
            segment,
        }
    }

    /// A node grouping `children`, covering their hull.
    pub(crate) fn group(kind: BlockKind, children: Vec<Node>, segment: u32) -> Node {
        let start = children.first().map_or(0, |c| c.bytes.start);
        let end = children.last().map_or(start, |c| c.bytes.end);
        Node {
            kind,
            label: None,
            ordinal: None,
            heading: None,
            bytes: start..end,
            children,
            line: None,
            family: None,
            run_in: false,
            stray: false,
            segment,
        }
    }
}

/// For each labelled line, the ordinal of the next labelled body line of the same family.
fn next_ordinals(labels: &[Option<Label>], roles: &[Role]) -> Vec<Option<u32>> {
    let mut next = vec![None; labels.len()];
    let mut seen: [Option<u32>; Family::COUNT] = [None; Family::COUNT];
    for ((label, next), role) in labels.iter().zip(&mut next).zip(roles).rev() {
        if *role != Role::Body {
            continue;
        }
        if let Some(label) = label {
            *next = seen[label.family.index()];
            seen[label.family.index()] = Some(label.ordinal.unwrap_or(0));
        }
    }
    next
}

/// Families that never nest under a list style: a chapter is never inside a "（一）".
fn outranks(new: Family, open: Family) -> bool {
    use Family::*;
    let rank = |f: Family| match f {
        Part => Some(0),
        Chapter => Some(1),
        Jie => Some(2),
        Article => Some(3),
        CnDun => Some(4),
        CnParen | ArabicDot | ArabicParen | ArabicHalf | Circled => Some(5),
        Decimal1 | Decimal2 | Decimal3 => None,
        EnumShi | EnumYao | EnumDi | EnumFirst => None,
    };
    match (rank(new), rank(open)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}

struct Builder<'a> {
    lines: &'a [Line],
    top: Vec<Node>,
    /// Open sections; `stack[k]` is at depth `k`.
    stack: Vec<Node>,
    level: [Option<usize>; Family::COUNT],
    last: [Option<u32>; Family::COUNT],
    seen_section: bool,
    segment: u32,
}

impl<'a> Builder<'a> {
    /// Closes open sections down to `depth` entries.
    fn close_to(&mut self, depth: usize) {
        while self.stack.len() > depth {
            let Some(node) = self.stack.pop() else { break };
            self.attach(node);
        }
    }

    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(parent) => {
                parent.bytes.end = node.bytes.end;
                parent.children.push(node);
            }
            None => self.top.push(node),
        }
    }

    fn new_segment(&mut self) {
        self.close_to(0);
        self.level = [None; Family::COUNT];
        self.last = [None; Family::COUNT];
        self.seen_section = false;
        self.segment += 1;
    }

    /// Whether a labelled line continues the document's numbering; its ordinal if so.
    fn accept(&self, label: Label, next: Option<u32>) -> Option<u32> {
        let f = label.family;
        let last = self.last[f.index()];
        let on_stack = self.stack.iter().any(|s| s.family == Some(f));
        let n = match label.ordinal {
            Some(n) => n,
            // 最后 ("finally") only ends a list that is open.
            None => return if on_stack { last.map(|l| l + 1) } else { None },
        };
        if last.is_some_and(|l| n == l + 1) {
            return Some(n);
        }
        if f.is_heading() {
            let ok = match last {
                Some(l) => n == 1 || (n >= l && n <= l + 3),
                None => n <= 50,
            };
            return ok.then_some(n);
        }
        // A list opens at 1 and must go on to 2, unless the document already uses the style
        // (a one-item list under a new parent).
        (n == 1 && (next == Some(2) || last.is_some())).then_some(n)
    }

    fn section(&mut self, i: usize, label: Label, ordinal: u32) {
        let lines = self.lines;
        let Some(line) = lines.get(i) else { return };
        let f = label.family;
        let depth = match self.stack.iter().position(|s| s.family == Some(f)) {
            Some(k) => k,
            None => {
                let natural = match self.level[f.index()] {
                    Some(level) => level.min(self.stack.len()),
                    None => self.stack.len(),
                };
                // Never under a lower-ranked style, whatever came first.
                let mut depth = natural;
                while depth > 0
                    && self
                        .stack
                        .get(depth - 1)
                        .and_then(|s| s.family)
                        .is_some_and(|open| outranks(f, open))
                {
                    depth -= 1;
                }
                depth
            }
        };
        self.close_to(depth);
        if self.level[f.index()].is_none() {
            self.level[f.index()] = Some(depth);
        }
        self.last[f.index()] = Some(ordinal);
        self.seen_section = true;

        let text = line.text.as_str();
        let label_text = text.get(..label.len).unwrap_or("");
        let rest = text.get(label.len..).unwrap_or("").trim_start();
        let first = first_sentence(rest);
        let heading = strip_end_punctuation(first).trim();
        let run_in = first.len() < rest.len()
            || rest.ends_with(['。', '；', '！', '？', ';', '!', '?'])
            || line.chars > 40;
        let heading_leaf = Node::leaf(BlockKind::Heading, i, self.lines, self.segment);
        let mut section = Node::group(BlockKind::Section, vec![heading_leaf], self.segment);
        section.label = Some(label_text.to_owned());
        section.ordinal = Some(ordinal);
        section.heading = (!heading.is_empty()).then(|| heading.to_owned());
        section.family = Some(f);
        section.run_in = run_in;
        self.stack.push(section);
    }

    fn paragraph(&mut self, i: usize) {
        // After a list of one-paragraph items, an unnumbered paragraph belongs to the list's
        // parent (a closing remark), not to the last item. Heading styles (一、, 第一条) are
        // exempt: their paragraphs (款) follow the first one.
        if let Some(top) = self.stack.last() {
            let single =
                |n: &Node| n.kind == BlockKind::Section && n.run_in && n.children.len() == 1;
            let prev = match self.stack.len().checked_sub(2) {
                Some(p) => self.stack.get(p).and_then(|n| n.children.last()),
                None => self.top.last(),
            };
            if single(top)
                && self.stack.len() >= 2
                && top.family.is_some_and(|f| !f.is_heading())
                && prev.is_some_and(|p| single(p) && p.family == top.family)
            {
                let depth = self.stack.len() - 1;
                self.close_to(depth);
            }
        }
        let node = Node::leaf(BlockKind::Paragraph, i, self.lines, self.segment);
        self.attach(node);
    }

    /// Adds line `i` to the group of `kind` that the previous line started, or starts one.
    fn grouped(&mut self, kind: BlockKind, i: usize, first: bool) {
        self.close_to(0);
        let leaf = Node::leaf(BlockKind::Paragraph, i, self.lines, self.segment);
        match self.top.last_mut() {
            Some(group) if group.kind == kind && !first && group.line.is_none() => {
                group.bytes.end = leaf.bytes.end;
                group.children.push(leaf);
            }
            _ => {
                let group = Node::group(kind, vec![leaf], self.segment);
                self.top.push(group);
            }
        }
    }

    fn fixed(&mut self, kind: BlockKind, i: usize) {
        self.close_to(0);
        let node = Node::leaf(kind, i, self.lines, self.segment);
        self.top.push(node);
    }
}

/// Builds the tree of sections and fixed elements.
pub(crate) fn build(lines: &[Line], labels: &[Option<Label>], roles: &[Role]) -> Vec<Node> {
    let next = next_ordinals(labels, roles);
    let mut b = Builder {
        lines,
        top: Vec::new(),
        stack: Vec::new(),
        level: [None; Family::COUNT],
        last: [None; Family::COUNT],
        seen_section: false,
        segment: 0,
    };
    let mut last_role: Option<Role> = None;
    for (i, &role) in roles.iter().enumerate().take(lines.len()) {
        match role {
            Role::Body => {
                let label = labels.get(i).copied().flatten();
                let next_ordinal = next.get(i).copied().flatten();
                let accepted = label.and_then(|l| b.accept(l, next_ordinal).map(|n| (l, n)));
                match accepted {
                    Some((label, n)) => b.section(i, label, n),
                    None => b.paragraph(i),
                }
            }
            Role::Stray => {
                b.fixed(BlockKind::Paragraph, i);
                if let Some(node) = b.top.last_mut() {
                    node.stray = true;
                }
            }
            Role::Title { first } => b.grouped(BlockKind::Title, i, first),
            Role::Signature => {
                b.grouped(BlockKind::Signature, i, last_role != Some(Role::Signature))
            }
            Role::Contact => b.grouped(BlockKind::Contact, i, last_role != Some(Role::Contact)),
            Role::Attachment { first } => b.grouped(BlockKind::Attachment, i, first),
            Role::Date => {
                b.fixed(BlockKind::Date, i);
                b.new_segment();
            }
            Role::DocNumber => b.fixed(BlockKind::DocNumber, i),
            Role::Addressee => b.fixed(BlockKind::Addressee, i),
            Role::Closing => b.fixed(BlockKind::Closing, i),
            Role::Clutter => b.fixed(BlockKind::Clutter, i),
        }
        last_role = Some(role);
    }
    b.close_to(0);
    b.top
}

/// Longest heading given to a section made of an unlabelled paragraph, in characters.
const MAX_LEAD: usize = 40;

/// What [`mark_preamble`] makes of a top-level paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Stays what it is.
    Keep,
    /// Part of its document's opening.
    Preamble,
    /// A paragraph of the body of a document without sections: becomes an unlabelled section.
    Body,
}

/// Whether a paragraph is prose (a table row or a caption is not): it has a sentence in it.
fn is_prose(line: &Line) -> bool {
    line.compact.contains(['。', '！', '？', '；', '!', '?'])
}

/// Whether a paragraph announces what follows ("现就有关事项通知如下：", "现批复如下：").
fn announces(line: &Line) -> bool {
    has(&line.compact, "如下")
}

/// Whether a paragraph opens a reply by citing what it answers ("你部《关于…的请示》收悉。")
/// or opens a covering letter by handing over the document it carries ("现将《…》印发给你们",
/// "现转发给你们").
fn opens(line: &Line) -> bool {
    ["收悉", "均悉", "已悉", "发给你们"]
        .iter()
        .any(|w| has(&line.compact, w))
}

/// How many of the paragraphs of a document without sections (their lines, in order)
/// form its opening: up to one announcing what follows among the first two, else the first
/// when it answers or hands over, else none.
fn opening_len(paragraphs: &[Option<&Line>]) -> usize {
    let line = |k: usize| paragraphs.get(k).copied().flatten();
    if let Some(p) = (0..2).position(|k| line(k).is_some_and(announces)) {
        return p + 1;
    }
    usize::from(line(0).is_some_and(opens))
}

/// Marks the preamble of each document in the text (a new one starts after each date), and
/// gives the body of a document without sections a structure of its own.
///
/// With sections, the preamble is the paragraphs before the first one, up to the one
/// announcing what follows ("现就有关事项通知如下："). Without, the preamble is the opening
/// (see [`opening_len`]) and every later paragraph of prose becomes an unlabelled section, so
/// that a letter's paragraphs pair one by one as numbered sections do. A document of a single
/// paragraph (a covering letter before the document it carries, an order promulgating a
/// regulation) keeps it as preamble — unless the whole text would then have no section, in
/// which case such lone paragraphs are the body. Adjacent preamble paragraphs form one block.
///
/// Only prose becomes a section: the rows of a table appended after the date stay paragraphs.
pub(crate) fn mark_preamble(top: Vec<Node>, lines: &[Line]) -> Vec<Node> {
    let line_of = |n: &Node| n.line.and_then(|l| lines.get(l));
    let mut marks: Vec<Mark> = Vec::with_capacity(top.len());
    for segment in top.chunk_by(|a, b| a.segment == b.segment) {
        let first_section = segment.iter().position(|n| n.kind == BlockKind::Section);
        let opening = first_section.unwrap_or(segment.len());
        let is_candidate =
            |j: usize, n: &Node| j < opening && n.kind == BlockKind::Paragraph && !n.stray;
        let paragraphs: Vec<Option<&Line>> = segment
            .iter()
            .enumerate()
            .filter(|&(j, n)| is_candidate(j, n))
            .map(|(_, n)| line_of(n))
            .collect();
        let count = match first_section {
            Some(_) => paragraphs
                .iter()
                .position(|l| l.is_some_and(announces))
                .map_or(paragraphs.len(), |p| p + 1),
            None if paragraphs.len() == 1 => 1,
            None => opening_len(&paragraphs),
        };
        // Candidates so far, this one included.
        let mut k = 0;
        for (j, node) in segment.iter().enumerate() {
            let mark = if !is_candidate(j, node) {
                Mark::Keep
            } else {
                k += 1;
                if k <= count {
                    Mark::Preamble
                } else if first_section.is_none() && line_of(node).is_some_and(is_prose) {
                    Mark::Body
                } else {
                    Mark::Keep
                }
            };
            marks.push(mark);
        }
    }
    let sectionless =
        !top.iter().any(|n| n.kind == BlockKind::Section) && !marks.contains(&Mark::Body);
    if sectionless {
        for (node, mark) in top.iter().zip(&mut marks) {
            if *mark == Mark::Preamble && line_of(node).is_some_and(is_prose) {
                *mark = Mark::Body;
            }
        }
    }

    let mut out: Vec<Node> = Vec::with_capacity(top.len());
    let mut previous_preamble = false;
    for (node, mark) in top.into_iter().zip(marks) {
        match mark {
            Mark::Keep => out.push(node),
            Mark::Body => out.push(body_section(node, lines)),
            Mark::Preamble => match out.last_mut() {
                Some(group) if previous_preamble => {
                    group.bytes.end = node.bytes.end;
                    group.children.push(node);
                }
                _ => {
                    let segment = node.segment;
                    out.push(Node::group(BlockKind::Preamble, vec![node], segment));
                }
            },
        }
        previous_preamble = mark == Mark::Preamble;
    }
    out
}

/// An unlabelled section holding one body paragraph, headed by the paragraph's lead.
fn body_section(paragraph: Node, lines: &[Line]) -> Node {
    let heading = paragraph
        .line
        .and_then(|l| lines.get(l))
        .map(|l| lead(&l.text, MAX_LEAD).trim())
        .filter(|h| !h.is_empty())
        .map(str::to_owned);
    let segment = paragraph.segment;
    let mut section = Node::group(BlockKind::Section, vec![paragraph], segment);
    section.heading = heading;
    section
}

/// Turns the nodes into blocks: ids in pre-order, levels by depth, UTF-16 ranges.
pub(crate) fn finish(nodes: Vec<Node>, lines: &[Line], index: &Utf16Index) -> Vec<Block> {
    let mut next_id = 0u32;
    nodes
        .into_iter()
        .map(|n| to_block(n, 0, lines, index, &mut next_id))
        .collect()
}

fn to_block(
    mut node: Node,
    level: u8,
    lines: &[Line],
    index: &Utf16Index,
    next_id: &mut u32,
) -> Block {
    let id = *next_id;
    *next_id += 1;
    match node.kind {
        BlockKind::Title | BlockKind::Signature => {
            // One block for the whole title, however many lines it was broken into.
            let pieces: Vec<&str> = node
                .children
                .iter()
                .filter_map(|c| c.line.and_then(|l| lines.get(l)))
                .map(|l| l.text.as_str())
                .collect();
            if node.kind == BlockKind::Title {
                let title = join(&pieces);
                node.heading = Some(without_site_name(&title).to_owned());
            }
            node.children.clear();
        }
        BlockKind::Preamble | BlockKind::Contact | BlockKind::Attachment
            if node.children.len() == 1 =>
        {
            node.children.clear();
        }
        _ => {}
    }
    let children = node
        .children
        .into_iter()
        .map(|c| to_block(c, level.saturating_add(1), lines, index, next_id))
        .collect();
    Block {
        id,
        kind: node.kind,
        level,
        label: node.label,
        ordinal: node.ordinal,
        heading: node.heading,
        range: index.span(&node.bytes),
        bytes: node.bytes,
        children,
    }
}
