//! One side of the alignment: the outline flattened into an arena of nodes, each with the
//! profile of what it says.

use super::profile::{
    content_chars, counted_packed, mix, name_of, read_grams, strip_numbering, Counted, Profile,
    Weights,
};
use crate::outline::{Block, BlockKind, Outline};

/// Index of a node in its side's arena.
pub(crate) type NodeId = usize;

/// A block with what the aligner needs to know about it.
pub(crate) struct Node<'a> {
    pub block: &'a Block,
    pub children: Vec<NodeId>,
    /// The block's text in the original (empty when its range is not a valid slice).
    pub text: &'a str,
    /// Everything the block says, numbering stripped.
    pub profile: Profile,
    /// What its heading says, for sections with a heading.
    pub heading: Option<Profile>,
    /// The name introducing it (元旦：…), when it has one.
    pub name: Option<Profile>,
    /// Hash of the content characters (digits kept): equal hashes mean equal content.
    pub exact: u64,
    /// Number of content characters.
    pub size: usize,
}

impl Node<'_> {
    /// The block's start in the original text, for ordering.
    pub fn start(&self) -> usize {
        self.block.bytes.start
    }
}

/// One side: the nodes in pre-order, and the top-level ones.
pub(crate) struct Side<'a> {
    pub nodes: Vec<Node<'a>>,
    pub roots: Vec<NodeId>,
    /// How many distinct grams both documents have: profile ranks are below this.
    pub grams: usize,
}

/// What is computed for a node before weights are known.
struct Raw<'a> {
    block: &'a Block,
    children: Vec<NodeId>,
    text: &'a str,
    /// The text without its numbering label.
    content: &'a str,
    /// Grams read from the text; `None` when the node's profile is merged from its
    /// children's.
    counted: Option<Vec<Counted>>,
    heading: Option<Vec<Counted>>,
    name: Option<Vec<Counted>>,
    exact: u64,
    size: usize,
}

fn raw_nodes<'a>(text: &'a str, outline: &'a Outline) -> (Vec<Raw<'a>>, Vec<NodeId>) {
    let mut nodes: Vec<Raw<'a>> = Vec::new();
    let mut roots = Vec::new();
    // Explicit stack: (block, parent); pushed in reverse so nodes come out in pre-order.
    let mut stack: Vec<(&'a Block, Option<NodeId>)> =
        outline.blocks.iter().rev().map(|b| (b, None)).collect();
    while let Some((block, parent)) = stack.pop() {
        let id = nodes.len();
        match parent {
            Some(p) => {
                if let Some(node) = nodes.get_mut(p) {
                    node.children.push(id);
                }
            }
            None => roots.push(id),
        }
        let body = text.get(block.bytes.clone()).unwrap_or("");
        let content = strip_numbering(body);
        let heading = match (block.kind, &block.heading) {
            (BlockKind::Section, Some(h)) => counted_grams(strip_numbering(h)),
            _ => None,
        };
        let name = name_of(content).and_then(counted_grams);
        nodes.push(Raw {
            block,
            children: Vec::new(),
            text: body,
            content,
            counted: None,
            heading,
            name,
            exact: 0,
            size: 0,
        });
        stack.extend(block.children.iter().rev().map(|c| (c, Some(id))));
    }
    // Children come after their parent in pre-order: going backwards, a node's children are
    // done before it. A parent whose children cover its text takes its profile from theirs
    // rather than reading the text again: that keeps the cost linear in the text, whatever
    // the depth.
    let mut scratch: Vec<u64> = Vec::new();
    for id in (0..nodes.len()).rev() {
        let merged = nodes.get(id).and_then(|n| merged_size(text, n, &nodes));
        let Some(node) = nodes.get_mut(id) else {
            continue;
        };
        match merged {
            Some((exact, size)) => {
                node.exact = exact;
                node.size = size;
            }
            None => {
                scratch.clear();
                let (exact, size) = read_grams(node.content, &mut scratch);
                node.counted = Some(counted_packed(&mut scratch));
                node.exact = exact;
                node.size = size;
            }
        }
    }
    (nodes, roots)
}

/// The counted grams of a heading or a name, if it has any.
fn counted_grams(text: &str) -> Option<Vec<Counted>> {
    let mut g = Vec::new();
    read_grams(text, &mut g);
    (!g.is_empty()).then(|| counted_packed(&mut g))
}

/// The content hash and size of `node` from those of its children, when they cover its
/// text (nothing but whitespace and punctuation around them).
fn merged_size(text: &str, node: &Raw<'_>, nodes: &[Raw<'_>]) -> Option<(u64, usize)> {
    if node.children.is_empty() {
        return None;
    }
    let mut at = node.block.bytes.start;
    let mut exact = 0u64;
    let mut size = 0usize;
    for &c in &node.children {
        let child = nodes.get(c)?;
        let gap = text.get(at..child.block.bytes.start.max(at))?;
        if content_chars(gap).next().is_some() {
            return None;
        }
        at = child.block.bytes.end.max(at);
        exact = if node.children.len() == 1 {
            child.exact
        } else {
            mix(exact, child.exact)
        };
        size += child.size;
    }
    let tail = text.get(at..node.block.bytes.end.max(at))?;
    if content_chars(tail).next().is_some() {
        return None;
    }
    Some((exact, size))
}

/// Builds both sides. Gram weights come from the leaves (paragraphs) of both documents
/// together, so both sides weigh every gram the same and similarity stays symmetric.
pub(crate) fn build<'a>(
    left_text: &'a str,
    left: &'a Outline,
    right_text: &'a str,
    right: &'a Outline,
) -> (Side<'a>, Side<'a>) {
    let (mut l, l_roots) = raw_nodes(left_text, left);
    let (mut r, r_roots) = raw_nodes(right_text, right);
    // Every list that becomes a profile is ranked; paragraphs (leaves) count for weights.
    let mut lists: Vec<(&mut [Counted], bool)> = Vec::new();
    for n in l.iter_mut().chain(r.iter_mut()) {
        let leaf = n.children.is_empty();
        if let Some(c) = n.counted.as_deref_mut() {
            lists.push((c, leaf));
        }
        for c in [n.heading.as_deref_mut(), n.name.as_deref_mut()]
            .into_iter()
            .flatten()
        {
            lists.push((c, false));
        }
    }
    let weights = Weights::rank(lists);
    let finish = |raw: Vec<Raw<'a>>, roots: Vec<NodeId>| {
        // Going backwards, a node's children have their profiles before it.
        let mut profiles: Vec<Profile> = Vec::new();
        profiles.resize_with(raw.len(), Profile::default);
        for id in (0..raw.len()).rev() {
            let Some(n) = raw.get(id) else { continue };
            let profile = match &n.counted {
                Some(c) => Profile::new(c, &weights),
                None => Profile::merge_children(n.children.iter().filter_map(|&c| profiles.get(c))),
            };
            if let Some(slot) = profiles.get_mut(id) {
                *slot = profile;
            }
        }
        Side {
            nodes: raw
                .into_iter()
                .zip(profiles)
                .map(|(n, profile)| Node {
                    block: n.block,
                    children: n.children,
                    text: n.text,
                    profile,
                    heading: n.heading.map(|h| Profile::new(&h, &weights)),
                    name: n.name.map(|h| Profile::new(&h, &weights)),
                    exact: n.exact,
                    size: n.size,
                })
                .collect(),
            roots,
            grams: weights.len(),
        }
    };
    (finish(l, l_roots), finish(r, r_roots))
}

/// Whether two texts are equal once runs of whitespace are collapsed and ends trimmed.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    // Equal bytes once trimmed are the common case (identical blocks, compared again at
    // every level of a pair); only texts that differ in bytes need the word walk. Words
    // hold no whitespace, so the texts are equal once runs are collapsed exactly when
    // their words are.
    let (a, b) = (a.trim(), b.trim());
    a == b || a.split_whitespace().eq(b.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_do_not_make_texts_differ() {
        assert!(same_text("  一、元旦\n 放假。 ", "一、元旦 放假。"));
        assert!(same_text("", "  \n"));
        assert!(!same_text("一、元旦放假。", "一、元旦 放假。"));
        assert!(!same_text("一、元旦", "二、元旦"));
    }
}
