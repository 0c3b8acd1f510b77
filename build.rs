//! Build step: the banner's stylesheet is compiled into the wasm, so it is minified here first
//! (comments and layout whitespace removed); `www/crumbs/banner.css` and `crumbs.css` stay the
//! readable sources.

use std::{env, fs, path::Path};

/// Removes comments and the whitespace CSS does not need. Spaces inside selectors and values
/// (descendant combinators, `calc(a - b)`) are kept as one space; one after a colon only
/// follows a property name (a selector's pseudo-class has none), so it goes.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i + 2..].split_once("*/").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut min = String::with_capacity(collapsed.len());
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    let chars: Vec<char> = collapsed.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && (i == 0 || tight(chars[i - 1]) || chars[i - 1] == ':' || chars.get(i + 1).is_some_and(|&n| tight(n))) {
            continue;
        }
        min.push(c);
    }
    min.replace(";}", "}")
}

fn main() {
    // The first paint carries the first layer's styles alone; the full core both, in order.
    let read = |src: &str| {
        println!("cargo:rerun-if-changed={src}");
        fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"))
    };
    let banner = read("www/crumbs/banner.css");
    let full = banner.clone() + &read("www/crumbs/crumbs.css");
    let out = Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    fs::write(out.join("banner.min.css"), minify_css(&banner)).expect("OUT_DIR is writable");
    fs::write(out.join("crumbs.min.css"), minify_css(&full)).expect("OUT_DIR is writable");
}
