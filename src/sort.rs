//! One small sort for the browser path. Each use of the standard library's sorts adds 1.5 to
//! 3 KB of wasm; crumbs only sorts short lists, and one table that arrives already sorted, so
//! a stable insertion sort (linear on sorted input) is all it needs.

use crate::prelude::*;

/// Sorts `v` stably so that no element is `less` than one before it.
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Sorts `v` and drops repeated elements.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, |a, b| a < b);
    v.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_dedups() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut w = vec!["b", "a", "b", "c", "a"];
        sort_dedup(&mut w);
        assert_eq!(w, ["a", "b", "c"]);
        let mut empty: Vec<u8> = vec![];
        sort_dedup(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn agrees_with_the_standard_sort() {
        let mut seed = 7u32;
        for n in 0..60 {
            let mut v: Vec<u32> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    seed % 17
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            sort_by(&mut v, |a, b| a < b);
            assert_eq!(v, want);
        }
    }
}
