//! The heaviest chain of pairs that keeps both documents in order.
//!
//! Given candidate pairs (i, j) with weights, the heaviest subset strictly increasing in
//! both i and j is what can be shown side by side without crossing lines: the longest
//! increasing subsequence when every weight is one. It runs in O(p log p) with a Fenwick
//! tree of prefix maxima, so it is also fine for the paragraphs of a very long document.

use std::cmp::Ordering;

/// A chain's value: compared by `weight`, then by `tie` (a hash-derived key that makes the
/// choice among equally heavy chains independent of which document is on the left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Value {
    pub weight: f64,
    pub tie: u64,
}

impl Value {
    const ZERO: Value = Value {
        weight: 0.0,
        tie: 0,
    };

    fn add(self, other: Value) -> Value {
        Value {
            weight: self.weight + other.weight,
            tie: self.tie.wrapping_add(other.tie),
        }
    }

    fn cmp(&self, other: &Value) -> Ordering {
        self.weight
            .total_cmp(&other.weight)
            .then(self.tie.cmp(&other.tie))
    }
}

/// One candidate pair.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Point {
    pub i: usize,
    pub j: usize,
    pub value: Value,
}

/// Indices into `points` of the heaviest chain strictly increasing in both `i` and `j`, in
/// chain order.
pub(crate) fn best_chain(points: &[Point]) -> Vec<usize> {
    if points.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..points.len()).collect();
    crate::sort::sort_by_key(&mut order, |&p| (points[p].i, points[p].j));
    // Compress j to ranks 1..=k for the Fenwick tree.
    let mut js: Vec<usize> = points.iter().map(|p| p.j).collect();
    crate::sort::sort(&mut js);
    js.dedup();
    let rank = |j: usize| js.partition_point(|&x| x < j) + 1;
    let mut tree: Vec<Option<(Value, usize)>> = vec![None; js.len() + 1];
    let mut best: Vec<(Value, Option<usize>)> = vec![(Value::ZERO, None); points.len()];
    let better = |a: &Option<(Value, usize)>, b: &(Value, usize)| match a {
        None => true,
        Some(a) => b.0.cmp(&a.0) == Ordering::Greater,
    };
    let mut start = 0;
    while start < order.len() {
        // Points sharing an i must not chain onto each other: query them all first.
        let i = points[order[start]].i;
        let end = start + order[start..].partition_point(|&p| points[p].i == i);
        for &p in &order[start..end] {
            let mut k = rank(points[p].j) - 1;
            let mut pred: Option<(Value, usize)> = None;
            while k > 0 {
                if let Some(entry) = tree[k] {
                    if better(&pred, &entry) {
                        pred = Some(entry);
                    }
                }
                k &= k - 1;
            }
            best[p] = match pred {
                Some((v, q)) => (v.add(points[p].value), Some(q)),
                None => (points[p].value, None),
            };
        }
        for &p in &order[start..end] {
            let entry = (best[p].0, p);
            let mut k = rank(points[p].j);
            while k < tree.len() {
                if better(&tree[k], &entry) {
                    tree[k] = Some(entry);
                }
                k += k & k.wrapping_neg();
            }
        }
        start = end;
    }
    let mut end = 0;
    for p in 1..points.len() {
        if best[p].0.cmp(&best[end].0) == Ordering::Greater {
            end = p;
        }
    }
    let mut chain = vec![end];
    while let Some(q) = best[*chain.last().unwrap_or(&end)].1 {
        chain.push(q);
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(pairs: &[(usize, usize, f64)]) -> Vec<Point> {
        pairs
            .iter()
            .map(|&(i, j, w)| Point {
                i,
                j,
                value: Value {
                    weight: w,
                    tie: (i * 31 + j) as u64,
                },
            })
            .collect()
    }

    #[test]
    fn finds_the_longest_increasing_run() {
        // 0→0, 1→3, 2→1, 3→2, 4→4: 1→3 is the one out of place.
        let p = pts(&[
            (0, 0, 1.0),
            (1, 3, 1.0),
            (2, 1, 1.0),
            (3, 2, 1.0),
            (4, 4, 1.0),
        ]);
        assert_eq!(best_chain(&p), vec![0, 2, 3, 4]);
    }

    #[test]
    fn prefers_weight_over_length() {
        let p = pts(&[(0, 1, 5.0), (1, 0, 1.0), (2, 2, 1.0), (3, 3, 1.0)]);
        assert_eq!(best_chain(&p), vec![0, 2, 3]);
        let p = pts(&[(0, 1, 0.5), (1, 0, 1.0), (2, 2, 1.0)]);
        assert_eq!(best_chain(&p), vec![1, 2]);
    }

    #[test]
    fn never_reuses_a_row_or_column() {
        let p = pts(&[
            (0, 0, 1.0),
            (0, 1, 1.0),
            (1, 1, 1.0),
            (1, 2, 1.0),
            (2, 2, 1.0),
        ]);
        let chain = best_chain(&p);
        for w in chain.windows(2) {
            assert!(p[w[0]].i < p[w[1]].i && p[w[0]].j < p[w[1]].j);
        }
        assert_eq!(chain.len(), 3);
        assert!(best_chain(&[]).is_empty());
    }
}
