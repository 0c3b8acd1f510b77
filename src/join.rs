//! One small `join` for the browser path: each element type the standard library's
//! `[T]::join` is used with adds a copy of its 1.2 KB of wasm; this loop is a few dozen bytes.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_the_standard_library() {
        assert_eq!(join(["a", "b", "c"], ", "), ["a", "b", "c"].join(", "));
        assert_eq!(join(Vec::<String>::new(), "+"), "");
        assert_eq!(join([String::from("x")], "+"), "x");
    }
}
