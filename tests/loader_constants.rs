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
    let code: String = loader.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    for (name, value) in loader_constants() {
        assert!(code.contains(name), "the loader no longer uses {name}: is there a copy of {value} instead?");
        // Every string inside the value (keys included) but the Consent Mode states and the API's method names,
        // which the loader's own queue names too.
        for literal in value.split('"').skip(1).step_by(2) {
            let shared = ["denied", "granted", "acceptAll", "rejectAll", "showPreferences", "doNotSell"].contains(&literal);
            let quoted = [format!("'{literal}'"), format!("\"{literal}\""), format!("{literal}:")];
            assert!(shared || !quoted.iter().any(|q| code.contains(q.as_str())), "the loader writes {literal} ({name}) itself");
        }
    }
    assert!(!code.contains("performance|functionality"), "the loader writes the waiting categories itself (WAITS)");
}
