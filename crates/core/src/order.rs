//! Stable sorting with one compiled copy of the standard sort.
//!
//! Why: in the wasm, every `sort_by` on a new element type or closure is a
//! new copy of the standard library's sort (about 3 KB each; 47 KB in all
//! for 17 places that sort, measured with twiggy on the release build).
//! These helpers sort a list of positions with one comparator type, then
//! put the elements in that order, so the sort itself is compiled once.
//! Same result as `slice::sort_by` (stable); lists here are at most a few
//! thousand elements.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal elements in their order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let positions = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(positions.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives, keeping equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives: the one place where
/// the standard sort is instantiated.
#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_sort_and_keeps_ties_in_order() {
        let words = ["pomme", "Auch", "mirande", "auch", "Condom", "Éauze", "", "condom", "pomme"];
        for len in 0..=words.len() {
            let mut ours: Vec<(usize, &str)> = words[..len].iter().copied().enumerate().collect();
            let mut std = ours.clone();
            sort_by_key(&mut ours, |(_, w)| w.to_lowercase());
            std.sort_by_key(|(_, w)| w.to_lowercase());
            assert_eq!(ours, std);
        }
        let mut numbers = vec![5, 3, 9, 3, 1, 0, 12, 7];
        sort(&mut numbers);
        assert_eq!(numbers, vec![0, 1, 3, 3, 5, 7, 9, 12]);
        let mut reversed = vec![1, 2, 3];
        sort_by(&mut reversed, |a, b| b.cmp(a));
        assert_eq!(reversed, vec![3, 2, 1]);
    }
}
