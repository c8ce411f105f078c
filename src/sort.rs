//! One sort for the whole crate.
//!
//! Each `sort_by`/`sort_by_key`/`sort_unstable` call site with its own element type or
//! closure gets its own copy of the standard library's sorts, 2–4 KB of wasm each; sixteen
//! of them were 58 KB of the module. These helpers sort a permutation of indices instead,
//! through a single comparison function object, so the whole crate links one stable sort.
//! The result is exactly that of the standard stable sort (`sort_by`), and of
//! `sort_unstable*` wherever elements that compare equal are indistinguishable. The cost is
//! an indirect call per comparison, which is why the sorts on the hot path of aligning
//! large documents (`align/profile.rs`) keep the standard ones.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `<[T]>::sort_by`.
pub(crate) fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut order = {
        let items: &[T] = items;
        sorted_indices(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => compare(x, y),
                _ => Ordering::Equal,
            },
        )
    };
    permute(items, &mut order);
}

/// Sorts `items` stably by the key `key` returns, like `<[T]>::sort_by_key`.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order, like `<[T]>::sort` (and `sort_unstable`, whose result
/// is the same for plain values).
pub(crate) fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The first `k` of `items` in the order `sort_by(items, compare)` would give them, without
/// sorting the rest: each item is placed among the kept ones, after those it does not sort
/// before (as the stable sort places it), in O(len · k) comparisons at worst.
pub(crate) fn first_by<T: Copy>(
    items: &[T],
    k: usize,
    mut compare: impl FnMut(&T, &T) -> Ordering,
) -> Vec<T> {
    let mut kept: Vec<T> = Vec::with_capacity(k.saturating_add(1).min(items.len()));
    for item in items {
        if kept.len() >= k {
            // Full (or k = 0): only what sorts before the last kept one gets in.
            match kept.last() {
                Some(last) if compare(item, last) == Ordering::Less => {}
                _ => continue,
            }
        }
        let at = kept.partition_point(|x| compare(x, item) != Ordering::Greater);
        kept.insert(at, *item);
        kept.truncate(k);
    }
    kept
}

/// `0..n` stably sorted by `compare` on indices: the one monomorphic sort.
#[inline(never)]
fn sorted_indices(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `k` holds what was at `order[k]`, following each
/// cycle of the permutation with swaps; `order` is used up as the record of what is done.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(from) = order.get(at).copied() {
            if let Some(slot) = order.get_mut(at) {
                *slot = at;
            }
            // `order` is a permutation of the positions of `items`, so the second test
            // never stops anything; it only spares `swap` its bounds check.
            if from == start || from == at || at.max(from) >= items.len() {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_like_the_standard_sort() {
        let words = [
            "pear", "fig", "apple", "kiwi", "date", "plum", "lime", "fig", "yam",
        ];
        for len in 0..=words.len() {
            let mut ours: Vec<(usize, &str)> = words[..len].iter().copied().enumerate().collect();
            let mut std_sorted = ours.clone();
            sort_by_key(&mut ours, |(_, w)| w.len());
            std_sorted.sort_by_key(|(_, w)| w.len());
            assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn first_by_keeps_what_the_stable_sort_puts_first() {
        // Every order of six values with repeats (told apart by position), every k.
        let base = [2, 7, 2, 1, 7, 0];
        let mut perm = [0usize, 1, 2, 3, 4, 5];
        loop {
            let items: Vec<(i32, usize)> = perm.iter().map(|&i| (base[i], i)).collect();
            let mut sorted = items.clone();
            sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
            for k in 0..=items.len() + 1 {
                let first = first_by(&items, k, |a, b| a.0.cmp(&b.0));
                assert_eq!(first, sorted[..k.min(items.len())], "k = {k}, {items:?}");
            }
            let Some(i) = (0..5).rev().find(|&i| perm[i] < perm[i + 1]) else {
                break;
            };
            let j = (i + 1..6).rev().find(|&j| perm[j] > perm[i]).unwrap();
            perm.swap(i, j);
            perm[i + 1..].reverse();
        }
    }

    #[test]
    fn every_permutation_of_five_sorts() {
        // All 120 orders of five values with a repeat, against the standard sort.
        let base = [3, 1, 4, 1, 5];
        let mut perm = [0usize, 1, 2, 3, 4];
        let mut seen = 0;
        loop {
            let mut ours: Vec<(i32, usize)> = perm.iter().map(|&i| (base[i], i)).collect();
            let mut expected = ours.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            expected.sort_by_key(|a| a.0);
            assert_eq!(ours, expected);
            let mut plain: Vec<i32> = perm.iter().map(|&i| base[i]).collect();
            sort(&mut plain);
            assert_eq!(plain, [1, 1, 3, 4, 5]);
            seen += 1;
            // Next permutation in lexicographic order.
            let Some(i) = (0..4).rev().find(|&i| perm[i] < perm[i + 1]) else {
                break;
            };
            let j = (i + 1..5).rev().find(|&j| perm[j] > perm[i]).unwrap();
            perm.swap(i, j);
            perm[i + 1..].reverse();
        }
        assert_eq!(seen, 120);
    }
}
