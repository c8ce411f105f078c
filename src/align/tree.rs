//! One side of the alignment: the outline flattened into an arena of nodes, each with the
//! profile of what it says.

use super::profile::{
    content_chars, counted, grams, mix, name_of, strip_numbering, Counted, Gram, Profile, Weights,
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
}

/// What is computed for a node before weights are known.
struct Raw<'a> {
    block: &'a Block,
    children: Vec<NodeId>,
    text: &'a str,
    counted: Vec<Counted>,
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
    let mut scratch: Vec<(Gram, bool)> = Vec::new();
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
        let mut exact = 0u64;
        let mut size = 0usize;
        for c in content_chars(content) {
            exact = mix(exact, u64::from(c));
            size += 1;
        }
        scratch.clear();
        grams(content, &mut scratch);
        let counted_grams = counted(std::mem::take(&mut scratch));
        let heading = match (block.kind, &block.heading) {
            (BlockKind::Section, Some(h)) => {
                let mut g = Vec::new();
                grams(strip_numbering(h), &mut g);
                (!g.is_empty()).then(|| counted(g))
            }
            _ => None,
        };
        let name = name_of(content).and_then(|n| {
            let mut g = Vec::new();
            grams(n, &mut g);
            (!g.is_empty()).then(|| counted(g))
        });
        nodes.push(Raw {
            block,
            children: Vec::new(),
            text: body,
            counted: counted_grams,
            heading,
            name,
            exact,
            size,
        });
        stack.extend(block.children.iter().rev().map(|c| (c, Some(id))));
    }
    (nodes, roots)
}

/// Builds both sides. Gram weights come from the leaves (paragraphs) of both documents
/// together, so both sides weigh every gram the same and similarity stays symmetric.
pub(crate) fn build<'a>(
    left_text: &'a str,
    left: &'a Outline,
    right_text: &'a str,
    right: &'a Outline,
) -> (Side<'a>, Side<'a>) {
    let (l, l_roots) = raw_nodes(left_text, left);
    let (r, r_roots) = raw_nodes(right_text, right);
    let weights = Weights::new(
        l.iter()
            .chain(r.iter())
            .filter(|n| n.children.is_empty())
            .map(|n| n.counted.as_slice()),
    );
    let finish = |raw: Vec<Raw<'a>>, roots: Vec<NodeId>| Side {
        nodes: raw
            .into_iter()
            .map(|n| Node {
                block: n.block,
                children: n.children,
                text: n.text,
                profile: Profile::new(&n.counted, &weights),
                heading: n.heading.map(|h| Profile::new(&h, &weights)),
                name: n.name.map(|h| Profile::new(&h, &weights)),
                exact: n.exact,
                size: n.size,
            })
            .collect(),
        roots,
    };
    (finish(l, l_roots), finish(r, r_roots))
}

/// Whether two texts are equal once runs of whitespace are collapsed and ends trimmed.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    fn normal(s: &str) -> impl Iterator<Item = char> + '_ {
        let mut words = s.split_whitespace().peekable();
        std::iter::from_fn(move || words.next().map(|w| (w, words.peek().is_some())))
            .flat_map(|(w, more)| w.chars().chain(more.then_some(' ')))
    }
    normal(a).eq(normal(b))
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
