//! String helpers for the browser path that keep the standard library's larger machinery out
//! of the wasm: each element type `[T]::join` is used with adds a copy of its 1.2 KB, and a
//! `&str` search or an indexed `str` slice brings in the two-way searcher and the slicing
//! panic's formatting (about 6 KB together). These loops are a few dozen bytes each.

use crate::prelude::*;

/// The items, with `sep` between each two.
pub fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>, sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// Whether `needle` occurs in `haystack` (a byte search: UTF-8 matches only at char boundaries).
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// Where `needle` first occurs in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}

/// `s` with every `from` replaced by `to`.
pub fn replace(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = find(rest, from).filter(|_| !from.is_empty()) {
        out.push_str(rest.get(..i).unwrap_or_default());
        out.push_str(to);
        rest = rest.get(i + from.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_the_standard_library() {
        assert_eq!(join(["a", "b", "c"], ", "), ["a", "b", "c"].join(", "));
        assert_eq!(join(Vec::<String>::new(), "+"), "");
        assert_eq!(join([String::from("x")], "+"), "x");
    }

    #[test]
    fn searches_and_replaces_like_the_standard_library() {
        for (h, n) in [("session_id", "session"), ("ab", "abc"), ("xäy", "äy"), ("", ""), ("abc", "")] {
            assert_eq!(find(h, n), h.find(n), "{h} {n}");
            assert_eq!(contains(h, n), h.contains(n));
        }
        let t = "{provider} wants {category}; {provider} again";
        assert_eq!(replace(t, "{provider}", "Ä"), t.replace("{provider}", "Ä"));
        assert_eq!(replace("aaa", "a", "aa"), "aaaaaa");
    }
}
