//! The loader holds none of the values it shares with Rust: each is written in by the build
//! from `crumbs::loader_constants`, and a copy in the loader would drift from it.
#![cfg(not(target_arch = "wasm32"))]

use crumbs::loader_constants::loader_constants;

#[test]
fn the_loader_uses_every_generated_constant_and_copies_none() {
    // The loader's modules (www/crumbs/loader/*.js), read as one text.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/crumbs/loader");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "js")).collect();
    files.sort();
    assert!(!files.is_empty(), "no loader modules in {dir}");
    let loader: String = files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect::<Vec<_>>().join("\n");
    let code: String = loader.lines().filter(|l| !["//", "/*", "*"].iter().any(|c| l.trim_start().starts_with(c))).collect::<Vec<_>>().join("\n");
    for (name, value) in loader_constants() {
        assert!(code.contains(name), "the loader no longer uses {name}: is there a copy of {value} instead?");
        // Every string inside the value (keys included) but the Consent Mode states and the API's method names,
        // which the loader's own queue names too.
        for literal in value.split('"').skip(1).step_by(2).filter(|l| !l.is_empty()) {
            // "en" is the built-in wording's language, the first paint's fallback as in texts::pick_language.
            // And the first paint's slot names (`loader_constants::SLOTS`), which its fill reads.
            let shared = ["denied", "granted", "acceptAll", "rejectAll", "showPreferences", "doNotSell", "data-action", "en"].contains(&literal)
                || crumbs::loader_constants::SLOTS.iter().any(|slot| literal.ends_with(slot) && literal.starts_with("\\u0001"))
                // and the trees' short tag and attribute names (`p`, `div`, `id`), too common to tell.
                || (name == "BANNER_TREES" && literal.len() < 5);
            let quoted = [format!("'{literal}'"), format!("\"{literal}\"")];
            // `key:` as an object key, not the end of a longer name (`mode:`).
            let as_key = code.match_indices(&format!("{literal}:")).any(|(at, _)| !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
            assert!(shared || !(as_key || quoted.iter().any(|q| code.contains(q.as_str()))), "the loader writes {literal} ({name}) itself");
        }
    }
    assert!(!code.contains("performance|functionality"), "the loader writes the waiting categories itself (WAITS)");
}
