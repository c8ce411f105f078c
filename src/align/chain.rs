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
    // Compress j to ranks 1..=k for the Fenwick tree.
    let mut js: Vec<usize> = points.iter().map(|p| p.j).collect();
    crate::sort::sort(&mut js);
    js.dedup();
    // (i, rank of j, index) of every point, in order of (i, j) and then of index.
    let mut order: Vec<(usize, usize, usize)> = (points.iter().enumerate())
        .map(|(p, point)| (point.i, js.partition_point(|&x| x < point.j) + 1, p))
        .collect();
    crate::sort::sort(&mut order);
    let mut tree: Vec<Option<(Value, usize)>> = vec![None; js.len() + 1];
    let mut best: Vec<(Value, Option<usize>)> = vec![(Value::ZERO, None); points.len()];
    let better = |a: &Option<(Value, usize)>, b: &(Value, usize)| match a {
        None => true,
        Some(a) => b.0.cmp(&a.0) == Ordering::Greater,
    };
    // Points sharing an i must not chain onto each other: query them all first.
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        for &(_, rank, p) in group {
            let mut k = rank - 1;
            let mut pred: Option<(Value, usize)> = None;
            while k > 0 {
                if let Some(Some(entry)) = tree.get(k) {
                    if better(&pred, entry) {
                        pred = Some(*entry);
                    }
                }
                k &= k - 1;
            }
            if let (Some(slot), Some(point)) = (best.get_mut(p), points.get(p)) {
                *slot = match pred {
                    Some((v, q)) => (v.add(point.value), Some(q)),
                    None => (point.value, None),
                };
            }
        }
        for &(_, rank, p) in group {
            let Some(&(value, _)) = best.get(p) else {
                continue;
            };
            let entry = (value, p);
            let mut k = rank;
            while let Some(slot) = tree.get_mut(k) {
                if better(slot, &entry) {
                    *slot = Some(entry);
                }
                k += k & k.wrapping_neg();
            }
        }
    }
    // The chain ends at the first of the heaviest points.
    let mut end: Option<(usize, Value)> = None;
    for (p, &(value, _)) in best.iter().enumerate() {
        if end.map_or(true, |(_, v)| value.cmp(&v) == Ordering::Greater) {
            end = Some((p, value));
        }
    }
    let Some((end, _)) = end else {
        return Vec::new();
    };
    let mut chain = vec![end];
    let mut at = end;
    while let Some(q) = best.get(at).and_then(|b| b.1) {
        chain.push(q);
        at = q;
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

    #[test]
    fn weighs_as_much_as_the_quadratic_search() {
        // Pseudo-random points, many sharing a row or a column.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        for len in 0..40 {
            let raw: Vec<(usize, usize, f64)> = (0..len)
                .map(|_| (next(12), next(12), 1.0 + next(100) as f64 / 10.0))
                .collect();
            let p = pts(&raw);
            let chain = best_chain(&p);
            for w in chain.windows(2) {
                assert!(p[w[0]].i < p[w[1]].i && p[w[0]].j < p[w[1]].j);
            }
            let weight: f64 = chain.iter().map(|&k| p[k].value.weight).sum();
            // The heaviest chain ending at each point, in order of i.
            let mut order: Vec<usize> = (0..p.len()).collect();
            order.sort_by_key(|&k| p[k].i);
            let mut heaviest = vec![0.0f64; p.len()];
            for &k in &order {
                let before = (order.iter())
                    .filter(|&&q| p[q].i < p[k].i && p[q].j < p[k].j)
                    .map(|&q| heaviest[q])
                    .fold(0.0, f64::max);
                heaviest[k] = before + p[k].value.weight;
            }
            let expected = heaviest.iter().copied().fold(0.0, f64::max);
            assert!((weight - expected).abs() < 1e-9, "{raw:?}");
        }
    }
}
