//! A kept corpus of hostile configs (tests/data/config-corpus/): each must give a config or a
//! list of errors with paths, never a panic. New finds from fuzzing go into that folder.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn every_corpus_file_parses_or_reports() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/config-corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        if let Err(errors) = crumbs::config::parse_config(&text) {
            assert!(!errors.is_empty(), "{path:?}");
            assert!(errors.iter().all(|e| !e.reason.is_empty()), "{path:?}");
        }
        n += 1;
    }
    assert!(n >= 8, "the corpus is there ({n} files)");
}
