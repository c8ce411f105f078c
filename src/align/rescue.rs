//! A last pass over the whole link tree: blocks left without counterpart anywhere are
//! paired with each other when their content clearly matches.
//!
//! Alignment is hierarchical, so a paragraph that moved from one section to another, or a
//! closing paragraph that the outliner attached to a different last section once the
//! sections were reordered, lands under two different pairs and shows up as deleted on
//! one side and inserted on the other. Such a pair is placed among the children of the
//! deepest link holding both blocks (their common ancestor), which does not depend on
//! which document is on the left.

use super::level::{each_side, Aligner, Placed, L, R, STRONG};
use super::tree::NodeId;
use super::{Link, PairKind};

/// Where a link sits in the tree: child indices from the top-level list down.
type Path = Vec<usize>;

/// Block id → node of one side: `block id << 32 | node`, sorted.
struct BlockIndex(Vec<u64>);

impl BlockIndex {
    fn get(&self, block: u32) -> Option<NodeId> {
        // The last of equal block ids, as a map built in node order would keep.
        let end = self.0.partition_point(|&x| x >> 32 <= u64::from(block));
        let x = *self.0.get(end.checked_sub(1)?)?;
        (x >> 32 == u64::from(block)).then_some((x & 0xFFFF_FFFF) as NodeId)
    }
}

/// The path of the list holding the link at `path`.
fn parent(path: &[usize]) -> &[usize] {
    path.split_last().map_or(path, |(_, parent)| parent)
}

impl Aligner<'_> {
    /// Pairs the one-sided leaves of `links` whose content matches.
    pub(crate) fn rescue(&mut self, links: Vec<Link>) -> Vec<Link> {
        let index = self.block_index();
        let mut orphans: [Vec<(NodeId, Path)>; 2] = [Vec::new(), Vec::new()];
        collect(&links, &mut Vec::new(), &index, &mut orphans);
        if orphans[L].is_empty() || orphans[R].is_empty() {
            return links;
        }
        for (s, list) in orphans.iter_mut().enumerate() {
            crate::sort::sort_by_key(list, |(id, _)| self.start(s, *id));
        }
        let ids = orphans
            .each_ref()
            .map(|list| list.iter().map(|(id, _)| *id).collect::<Vec<_>>());
        let mut used = [vec![false; ids[L].len()], vec![false; ids[R].len()]];
        let mut removals: Vec<Path> = Vec::new();
        let mut insertions: Vec<(Path, [NodeId; 2])> = Vec::new();
        for c in self.candidates(&ids, STRONG) {
            let [p, q] = c.p;
            if used[L].get(p) != Some(&false) || used[R].get(q) != Some(&false) {
                continue;
            }
            if !self.allowed(&ids, &c, STRONG) {
                continue;
            }
            let (Some((l, lp)), Some((r, rp))) = (orphans[L].get(p), orphans[R].get(q)) else {
                continue;
            };
            for (used, k) in used.iter_mut().zip([p, q]) {
                if let Some(u) = used.get_mut(k) {
                    *u = true;
                }
            }
            // The deepest link holding both: the common part of their parents' paths.
            let common: Path = (parent(lp).iter().zip(parent(rp)))
                .take_while(|(a, b)| a == b)
                .map(|(&a, _)| a)
                .collect();
            removals.push(lp.clone());
            removals.push(rp.clone());
            insertions.push((common, [*l, *r]));
        }
        if insertions.is_empty() {
            return links;
        }
        // Sorted for lookups by path; the pairs inserted in one list keep the order they
        // were found in.
        crate::sort::sort(&mut removals);
        crate::sort::sort_by(&mut insertions, |a, b| a.0.cmp(&b.0));
        self.rebuild(links, &mut Vec::new(), &removals, &insertions, &index)
    }

    /// Block id → node, for each side.
    fn block_index(&self) -> [BlockIndex; 2] {
        [L, R].map(|s| {
            let mut index: Vec<u64> = (self.nodes(s).iter().enumerate())
                .filter_map(|(id, n)| {
                    Some(u64::from(n.block.id) << 32 | u64::from(u32::try_from(id).ok()?))
                })
                .collect();
            index.sort_unstable();
            BlockIndex(index)
        })
    }

    fn rebuild(
        &mut self,
        links: Vec<Link>,
        path: &mut Path,
        removals: &[Path],
        insertions: &[(Path, [NodeId; 2])],
        index: &[BlockIndex; 2],
    ) -> Vec<Link> {
        let mut out = Vec::with_capacity(links.len());
        for (k, mut link) in links.into_iter().enumerate() {
            path.push(k);
            if removals.binary_search(path).is_err() {
                let children = std::mem::take(&mut link.children);
                link.children = self.rebuild(children, path, removals, insertions, index);
                out.push(link);
            }
            path.pop();
        }
        let from = insertions.partition_point(|(p, _)| p < path);
        let new = insertions.get(from..).unwrap_or(&[]);
        let new = new
            .get(..new.partition_point(|(p, _)| p == path))
            .unwrap_or(&[]);
        if new.is_empty() {
            return out;
        }
        for &(_, [l, r]) in new {
            out.push(self.pair_link(l, r));
        }
        self.reorder(out, index)
    }

    /// Puts a list of links back in reading order and decides again which pairs stay in
    /// place and which moved, now that it holds new pairs.
    fn reorder(&self, links: Vec<Link>, index: &[BlockIndex; 2]) -> Vec<Link> {
        let first = |s: usize, ids: &[u32]| -> Option<NodeId> {
            ids.first().and_then(|&b| index[s].get(b))
        };
        let mut placed: Vec<Placed> = Vec::with_capacity(links.len());
        // The first blocks of the one-to-one pairs, which may have moved.
        let mut nodes: Vec<Option<[NodeId; 2]>> = Vec::with_capacity(links.len());
        for link in links {
            let ends = [first(L, &link.left), first(R, &link.right)];
            let movable = matches!(
                link.kind,
                PairKind::Identical | PairKind::Modified | PairKind::Moved
            );
            nodes.push(match ends {
                [Some(l), Some(r)] if movable => Some([l, r]),
                _ => None,
            });
            placed.push(Placed {
                pos: each_side(&ends, |s, end| end.map(|id| self.start(s, id))),
                link,
            });
        }
        let pairs: Vec<Option<[&[NodeId]; 2]>> = nodes
            .iter()
            .map(|n| {
                n.as_ref()
                    .map(|[l, r]| [std::slice::from_ref(l), std::slice::from_ref(r)])
            })
            .collect();
        let keep = self.stays_in_place(&pairs);
        for ((p, n), stays) in placed.iter_mut().zip(&nodes).zip(keep) {
            if let Some([l, r]) = n {
                p.link.kind = if !stays {
                    PairKind::Moved
                } else if self.same_text(&[vec![*l], vec![*r]]) {
                    PairKind::Identical
                } else {
                    PairKind::Modified
                };
            }
        }
        super::level::reading_order(placed)
    }
}

/// Collects one-sided leaf links with their paths.
fn collect(
    links: &[Link],
    path: &mut Path,
    index: &[BlockIndex; 2],
    out: &mut [Vec<(NodeId, Path)>; 2],
) {
    for (k, link) in links.iter().enumerate() {
        path.push(k);
        let side = match link.kind {
            PairKind::LeftOnly => Some((L, &link.left)),
            PairKind::RightOnly => Some((R, &link.right)),
            _ => None,
        };
        match side {
            Some((s, ids)) if link.children.is_empty() => {
                if let ([b], Some(list)) = (ids.as_slice(), out.get_mut(s)) {
                    if let Some(id) = index[s].get(*b) {
                        list.push((id, path.clone()));
                    }
                }
            }
            _ => collect(&link.children, path, index, out),
        }
        path.pop();
    }
}
